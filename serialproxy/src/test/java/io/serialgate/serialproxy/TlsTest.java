package io.serialgate.serialproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.serialgate.serialproxy.support.FakeConsoleauth;
import io.serialgate.serialproxy.support.FakeGuest;
import io.serialgate.serialproxy.support.RawUpgrade;
import io.serialgate.serialproxy.tls.PemKeyStore;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssl_only / cert / key from PEM files, with a certificate made by openssl for 127.0.0.1. */
class TlsTest {

    @TempDir
    static Path dir;
    static Path cert;
    static Path key;
    static SSLContext trusting;

    @BeforeAll
    static void makeCertificate() throws Exception {
        assumeTrue(new File("/usr/bin/openssl").canExecute(), "openssl not installed");
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
    }

    private static DropwizardTestSupport<SerialproxyConfiguration> proxy(FakeConsoleauth consoleauth, boolean sslOnly) {
        return new DropwizardTestSupport<>(SerialproxyApplication.class,
                ResourceHelpers.resourceFilePath("serialproxy-test.yml"),
                ConfigOverride.config("internal.consoleauth_url", consoleauth.url()),
                ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", "target/tls-requests.log"),
                ConfigOverride.config("serial_console.ssl_only", String.valueOf(sslOnly)),
                ConfigOverride.config("serial_console.cert", cert.toString()),
                ConfigOverride.config("serial_console.key", key.toString()));
    }

    private static int get(String scheme, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting).build();
        return client.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/serial.html")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void sslOnlyServesHttpsAndWssAndRefusesPlainHttp() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeGuest guest = FakeGuest.echo()) {
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, true);
            app.before();
            try {
                int port = app.getLocalPort();
                assertThat(get("https", port)).isEqualTo(200);
                assertThatThrownBy(() -> get("http", port)).isInstanceOf(java.io.IOException.class);
                String token = consoleauth.grant("127.0.0.1", guest.port());
                RawUpgrade.Answer answer = RawUpgrade.send(trusting.getSocketFactory().createSocket("127.0.0.1", port),
                        port, "/?token=" + token, Map.of("Sec-WebSocket-Protocol", "binary"));
                assertThat(answer.status()).isEqualTo(101);
            } finally {
                app.after();
            }
        }
    }

    @Test
    void withoutSslOnlyTheSamePortSpeaksBothTlsAndPlain() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth()) {
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, false);
            app.before();
            try {
                assertThat(get("https", app.getLocalPort())).isEqualTo(200);
                assertThat(get("http", app.getLocalPort())).isEqualTo(200);
            } finally {
                app.after();
            }
        }
    }

    @Test
    void aCombinedPemAndAPkcs1KeyAreAccepted() throws Exception {
        Path combined = dir.resolve("self.pem");
        Files.writeString(combined, Files.readString(cert) + Files.readString(key));
        assertThat(PemKeyStore.load(combined.toString(), null, "pw".toCharArray()).isKeyEntry(PemKeyStore.ALIAS)).isTrue();

        Path pkcs1 = dir.resolve("rsa.pem");
        Process p = new ProcessBuilder("openssl", "rsa", "-in", key.toString(), "-traditional", "-out", pkcs1.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(PemKeyStore.load(cert.toString(), pkcs1.toString(), "pw".toCharArray()).isKeyEntry(PemKeyStore.ALIAS)).isTrue();
    }

    @Test
    void aCertWithoutKeyIsOneClearLine() {
        assertThatThrownBy(() -> PemKeyStore.load(cert.toString(), null, "pw".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("serial_console.cert: no PRIVATE KEY block found");
    }
}
