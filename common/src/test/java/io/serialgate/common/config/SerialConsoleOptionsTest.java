package io.serialgate.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every [serial_console] option: its default, an override, and an invalid value, through the real loader. */
class SerialConsoleOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheSpecDefaults() throws Exception {
        SerialConsoleOptions o = ConfigLoading.yaml(dir, "  {}\n").serialConsole();
        assertThat(o.enabled()).isFalse();
        assertThat(o.baseUrl()).isEqualTo("http://127.0.0.1:6083/serial.html");
        assertThat(o.listen()).isEqualTo("0.0.0.0");
        assertThat(o.proxyclientAddress()).isEqualTo("127.0.0.1");
        assertThat(o.portRange()).isEqualTo(new PortRange(10000, 20000));
        assertThat(o.record()).isFalse();
        assertThat(o.daemon()).isFalse();
        assertThat(o.sslOnly()).isFalse();
        assertThat(o.sourceIsIpv6()).isFalse();
        assertThat(o.cert()).isEqualTo("self.pem");
        assertThat(o.key()).isNull();
        assertThat(o.web()).isEqualTo("/usr/share/serialproxy-static");
    }

    @Test
    void everyOptionCanBeOverridden() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "cert");
        Path key = Files.writeString(dir.resolve("k.pem"), "key");
        SerialConsoleOptions o = ConfigLoading.yaml(dir, ""
                + "  enabled: true\n"
                + "  base_url: https://console.example.org/serial.html\n"
                + "  listen: 127.0.0.2\n"
                + "  proxyclient_address: 10.0.0.5\n"
                + "  port_range: 30000:30100\n"
                + "  record: true\n"
                + "  daemon: true\n"
                + "  ssl_only: true\n"
                + "  source_is_ipv6: true\n"
                + "  cert: " + cert + "\n"
                + "  key: " + key + "\n"
                + "  web: /srv/static\n").serialConsole();
        assertThat(o.enabled()).isTrue();
        assertThat(o.baseUrl()).isEqualTo("https://console.example.org/serial.html");
        assertThat(o.listen()).isEqualTo("127.0.0.2");
        assertThat(o.proxyclientAddress()).isEqualTo("10.0.0.5");
        assertThat(o.portRange()).isEqualTo(new PortRange(30000, 30100));
        assertThat(o.record()).isTrue();
        assertThat(o.daemon()).isTrue();
        assertThat(o.sslOnly()).isTrue();
        assertThat(o.sourceIsIpv6()).isTrue();
        assertThat(o.cert()).isEqualTo(cert.toString());
        assertThat(o.key()).isEqualTo(key.toString());
        assertThat(o.web()).isEqualTo("/srv/static");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "port_range | '20000:10000' | serial_console.port_range: MIN must not exceed MAX, got 20000:10000",
        "port_range | '0:100'       | serial_console.port_range: ports must lie in 1-65535, got 0:100",
        "port_range | '10:70000'    | serial_console.port_range: ports must lie in 1-65535, got 10:70000",
        "port_range | '10000'       | serial_console.port_range: must be MIN:MAX, got '10000'",
        "port_range | 'a:b'         | serial_console.port_range: must be MIN:MAX with whole numbers, got 'a:b'",
        "base_url   | '/serial.html'| serial_console.base_url: must be an absolute http(s) or ws(s) URL, got '/serial.html'",
        "base_url   | 'ftp://h/x'   | serial_console.base_url: must be an absolute http(s) or ws(s) URL, got 'ftp://h/x'",
        "listen     | ''            | serial_console.listen: must not be empty",
        "proxyclient_address | ''   | serial_console.proxyclient_address: must not be empty",
        "web        | ''            | serial_console.web: must not be empty",
    })
    void invalidValuesStopTheLoadWithOneLineNamingTheOption(String option, String value, String expected) {
        assertThatThrownBy(() -> ConfigLoading.yaml(dir, "  " + option + ": '" + value + "'\n"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"enabled, maybe", "record, 12x", "daemon, '[1]'", "ssl_only, '{}'", "source_is_ipv6, nope"})
    void booleanOptionsRejectNonBooleans(String option, String value) {
        assertThatThrownBy(() -> ConfigLoading.yaml(dir, "  " + option + ": " + value + "\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(option);
    }

    @Test
    void sslOnlyWithoutAReadableCertIsRefused() {
        assertThatThrownBy(() -> ConfigLoading.yaml(dir, "  ssl_only: true\n  cert: " + dir.resolve("missing.pem") + "\n"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("serial_console.cert: ssl_only is true but '");
    }

    @Test
    void sslOnlyWithAnUnreadableKeyIsRefused() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "cert");
        assertThatThrownBy(() -> ConfigLoading.yaml(dir, "  ssl_only: true\n  cert: " + cert
                + "\n  key: " + dir.resolve("nokey.pem") + "\n"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("serial_console.key: ssl_only is true but '");
    }

    @Test
    void certAndKeyAreNotCheckedWithoutSslOnly() throws Exception {
        SerialConsoleOptions o = ConfigLoading.yaml(dir, "  cert: /nonexistent.pem\n").serialConsole();
        assertThat(o.cert()).isEqualTo("/nonexistent.pem");
    }

    @Test
    void unknownKeysAreRefused() {
        assertThatThrownBy(() -> ConfigLoading.yaml(dir, "  prot_range: 1:2\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("prot_range");
    }
}
