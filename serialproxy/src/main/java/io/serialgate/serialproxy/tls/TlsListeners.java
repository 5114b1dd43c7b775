package io.serialgate.serialproxy.tls;

import io.dropwizard.core.server.ServerFactory;
import io.serialgate.common.config.SerialConsoleOptions;
import io.serialgate.serialproxy.web.ApplicationConnectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code ssl_only}, {@code cert} and {@code key} to the application connectors: TLS is on
 * when the cert file is readable (websockify's rule), TLS only when {@code ssl_only} is true
 * (common's checks already refuse ssl_only without a readable cert).
 */
public final class TlsListeners {

    private static final Logger LOG = LoggerFactory.getLogger(TlsListeners.class);

    private TlsListeners() {}

    /** @return whether TLS was configured */
    public static boolean apply(SerialConsoleOptions options, ServerFactory serverFactory) {
        String cert = options.cert();
        if (cert == null || cert.isBlank() || !Files.isReadable(Path.of(cert))) {
            return false;
        }
        char[] password = java.util.UUID.randomUUID().toString().toCharArray();
        KeyStore store = PemKeyStore.load(cert, options.key(), password);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(store);
        ssl.setKeyStorePassword(new String(password));
        ssl.setKeyManagerPassword(new String(password));
        ssl.setCertAlias(PemKeyStore.ALIAS);
        // Consoles are reached by IP as often as by name: do not refuse a Host that is not in the cert.
        ssl.setSniRequired(false);
        boolean sslOnly = options.sslOnly();
        if (!ApplicationConnectors.wrap(serverFactory, plain -> new TlsConnectorFactory(plain, ssl, sslOnly))) {
            return false;
        }
        LOG.info("event=tls_configured ssl_only={} cert={}", sslOnly, cert);
        return true;
    }
}
