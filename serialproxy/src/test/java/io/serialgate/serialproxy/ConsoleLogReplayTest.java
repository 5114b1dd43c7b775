package io.serialgate.serialproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.serialgate.serialproxy.support.ConsoleClient;
import io.serialgate.serialproxy.support.FakeComputeLog;
import io.serialgate.serialproxy.support.FakeConsoleauth;
import io.serialgate.serialproxy.support.FakeGuest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** serialproxy.replay_log_bytes: the console log's tail arrives before live output. */
class ConsoleLogReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static DropwizardTestSupport<SerialproxyConfiguration> proxy(FakeConsoleauth consoleauth, String computeUrl) {
        return new DropwizardTestSupport<>(SerialproxyApplication.class,
                ResourceHelpers.resourceFilePath("serialproxy-test.yml"),
                ConfigOverride.config("internal.consoleauth_url", consoleauth.url()),
                ConfigOverride.config("internal.compute_url", computeUrl),
                ConfigOverride.config("serialproxy.replay_log_bytes", "14"),
                ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", "target/replay-requests.log"));
    }

    @Test
    void theLogsLastBytesComeFirstThenTheLiveConsole() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeComputeLog compute = new FakeComputeLog();
             FakeGuest guest = FakeGuest.echo()) {
            // 'é' straddles the 14-byte cut: the replay starts after it, on a character boundary.
            compute.setLog(consoleauth.instanceOf("127.0.0.1", guest.port()), 0, "boot ok\nlogin é\nhost login: ");
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, compute.url());
            app.before();
            try (ConsoleClient console = ConsoleClient.open(URI.create("ws://127.0.0.1:" + app.getLocalPort()
                    + "/?token=" + consoleauth.grant("127.0.0.1", guest.port())), null, "binary")) {
                byte[] replay = "\nhost login: ".getBytes(StandardCharsets.UTF_8);
                assertThat(new String(console.awaitBytes(replay.length, WAIT), StandardCharsets.UTF_8))
                        .isEqualTo("\nhost login: ");
                console.send("root\n".getBytes(StandardCharsets.UTF_8));
                assertThat(new String(console.awaitBytes(replay.length + 5, WAIT), StandardCharsets.UTF_8))
                        .isEqualTo("\nhost login: root\n");
                assertThat(compute.lastQuery()).startsWith("lines=");
            } finally {
                app.after();
            }
        }
    }

    @Test
    void aViewerGetsTheReplayThenTheLiveOutput() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeComputeLog compute = new FakeComputeLog();
             FakeGuest guest = FakeGuest.echo()) {
            compute.setLog(consoleauth.instanceOf("127.0.0.1", guest.port()), 0, "older\n$ ");
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, compute.url());
            app.before();
            String base = "ws://127.0.0.1:" + app.getLocalPort() + "/?token=";
            try (ConsoleClient writer = ConsoleClient.open(URI.create(base + consoleauth.grant("127.0.0.1", guest.port())),
                    null, "binary")) {
                writer.awaitBytes(8, WAIT);
                try (ConsoleClient viewer = ConsoleClient.open(URI.create(base + consoleauth.grant("127.0.0.1", guest.port())
                        + "&mode=view"), null, "binary")) {
                    assertThat(new String(viewer.awaitBytes(8, WAIT), StandardCharsets.UTF_8)).isEqualTo("older\n$ ");
                    writer.send("ls\n".getBytes(StandardCharsets.UTF_8));
                    assertThat(new String(viewer.awaitBytes(11, WAIT), StandardCharsets.UTF_8)).isEqualTo("older\n$ ls\n");
                }
            } finally {
                app.after();
            }
        }
    }

    @Test
    void anUnreachableComputeOnlyMeansNoReplay() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeGuest guest = FakeGuest.echo()) {
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, "http://127.0.0.1:9");
            app.before();
            try (ConsoleClient console = ConsoleClient.open(URI.create("ws://127.0.0.1:" + app.getLocalPort()
                    + "/?token=" + consoleauth.grant("127.0.0.1", guest.port())), null, "binary")) {
                console.send(new byte[] {'x'});
                assertThat(console.awaitBytes(1, WAIT)).containsExactly('x');
            } finally {
                app.after();
            }
        }
    }
}
