package io.serialgate.client.api;

import io.serialgate.client.ClientFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code --cacert FILE}: trust the CA certificates of a PEM file (as OpenStack clients' --os-cacert)
 * instead of the JDK's, for an api or a serialproxy ({@code ssl_only}) whose certificate is signed
 * by a private CA or self-signed.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {
    }

    public static SSLContext fromPemFile(Path file) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw ClientFailure.usage("--cacert: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw ClientFailure.usage("--cacert: " + file + " holds no readable PEM certificate");
        }
        if (certificates.isEmpty()) {
            throw ClientFailure.usage("--cacert: " + file + " holds no certificate");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context from " + file, e);
        }
    }
}
