package io.serialgate.client.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.serialgate.client.ExitCode;
import io.serialgate.client.support.ClientRun;
import io.serialgate.client.support.ClientRun.Result;
import io.serialgate.client.support.FakeApi;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An api over HTTPS with a self-signed certificate: refused by default, trusted with --cacert. */
class TlsTest {

    private static final String PASSWORD = "test-only";

    @TempDir
    static Path dir;

    private static FakeApi api;
    private static Path caPem;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("api.p12");
        caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "api", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", caPem.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        api = FakeApi.overTls(tls);
        api.addServer("demo", 1);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aCertificateSignedByNoKnownCaIsRefused() {
        Result result = ClientRun.against(api).run("server", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NETWORK);
        assertThat(result.stderr().strip()).isEqualTo("serialgate-client: cannot reach the api at " + api.url()
                + ": TLS handshake failed, is its certificate trusted? (see --cacert)");
    }

    @Test
    void cacertTrustsIt() {
        Result byOption = ClientRun.against(api).run("server", "list", "--cacert", caPem.toString());
        Result byEnvironment = ClientRun.against(api).env("OS_CACERT", caPem.toString()).run("server", "list");

        assertThat(byOption.exitCode()).as(byOption.stderr()).isEqualTo(ExitCode.OK);
        assertThat(byOption.stdout()).contains("| demo ");
        assertThat(byEnvironment.exitCode()).as(byEnvironment.stderr()).isEqualTo(ExitCode.OK);
    }

    @Test
    void anUnreadableCacertIsAUsageError() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");

        Result missing = ClientRun.against(api).run("server", "list", "--cacert", dir.resolve("missing.pem").toString());
        Result garbage = ClientRun.against(api).run("server", "list", "--cacert", notPem.toString());

        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.stderr()).contains("--cacert: cannot read");
        assertThat(garbage.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(garbage.stderr()).contains("--cacert: ");
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }
}
