package io.serialgate.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Nova-style INI file with a [serial_console] section is accepted in place of YAML. */
class IniConfigTest {

    @TempDir
    Path dir;

    @Test
    void novaStyleIniIsRead() throws Exception {
        TestServiceConfiguration c = ConfigLoading.load(dir, "nova.conf", ""
                + "# as in nova.conf\n"
                + "[serial_console]\n"
                + "enabled = True\n"
                + "base_url = http://proxy.example.org:6083/serial.html\n"
                + "port_range = 11000:11999\n"
                + "proxyclient_address = \"192.0.2.10\"\n"
                + "\n"
                + "[service_auth]\n"
                + "secret = " + ConfigLoading.SECRET + "\n");
        assertThat(c.serialConsole().enabled()).isTrue();
        assertThat(c.serialConsole().baseUrl()).isEqualTo("http://proxy.example.org:6083/serial.html");
        assertThat(c.serialConsole().portRange()).isEqualTo(new PortRange(11000, 11999));
        assertThat(c.serialConsole().proxyclientAddress()).isEqualTo("192.0.2.10");
        assertThat(c.serialConsole().listen()).isEqualTo("0.0.0.0");
    }

    @Test
    void iniValuesGetTheSameChecks() {
        assertThatThrownBy(() -> ConfigLoading.load(dir, "bad.ini", ""
                + "[serial_console]\nport_range = 20000:10000\n[service_auth]\nsecret = " + ConfigLoading.SECRET + "\n"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("serial_console.port_range: MIN must not exceed MAX, got 20000:10000");
    }

    @Test
    void unknownIniOptionsAreRefused() {
        assertThatThrownBy(() -> ConfigLoading.load(dir, "bad.ini", ""
                + "[serial_console]\nenabeld = true\n[service_auth]\nsecret = " + ConfigLoading.SECRET + "\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("enabeld");
    }
}
