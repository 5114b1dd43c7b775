package io.serialgate.serialproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.serialgate.common.config.SerialConsoleOptions;
import io.serialgate.serialproxy.SerialproxyApplication;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.junit.jupiter.api.Test;

class SerialproxyServerCommandTest {

    private static Namespace parse(String... args) throws Exception {
        ArgumentParser parser = ArgumentParsers.newFor("serialproxy").build();
        Subparser server = parser.addSubparsers().addParser("server");
        new SerialproxyServerCommand(new SerialproxyApplication()).configure(server);
        return parser.parseArgs(args);
    }

    @Test
    void flagsOverrideTheFilesSerialConsoleOptions() throws Exception {
        Namespace ns = parse("server", "--listen", "::1", "--record", "--ssl-only", "--cert", "/c.pem", "--key", "/k.pem",
                "--web", "/srv/web", "--source-is-ipv6", "config.yml");
        SerialConsoleOptions options = new SerialConsoleOptions();
        SerialproxyServerCommand.apply(ns, options);
        assertThat(options.listen()).isEqualTo("::1");
        assertThat(options.record()).isTrue();
        assertThat(options.sslOnly()).isTrue();
        assertThat(options.cert()).isEqualTo("/c.pem");
        assertThat(options.key()).isEqualTo("/k.pem");
        assertThat(options.web()).isEqualTo("/srv/web");
        assertThat(options.sourceIsIpv6()).isTrue();
    }

    @Test
    void absentFlagsLeaveTheFileAlone() throws Exception {
        Namespace ns = parse("server", "config.yml");
        SerialConsoleOptions options = new SerialConsoleOptions().listen("10.0.0.1").record(true);
        SerialproxyServerCommand.apply(ns, options);
        assertThat(options.listen()).isEqualTo("10.0.0.1");
        assertThat(options.record()).isTrue();
        assertThat(options.sslOnly()).isFalse();
    }
}
