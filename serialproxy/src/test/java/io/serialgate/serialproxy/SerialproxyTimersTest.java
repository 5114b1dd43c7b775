package io.serialgate.serialproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.serialgate.serialproxy.support.ConsoleClient;
import io.serialgate.serialproxy.support.FakeConsoleauth;
import io.serialgate.serialproxy.support.FakeGuest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keepalive pings, the data idle timeout, graceful shutdown and recording, each on its own proxy instance. */
class SerialproxyTimersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static DropwizardTestSupport<SerialproxyConfiguration> proxy(FakeConsoleauth consoleauth, int idle, int keepalive,
            ConfigOverride... more) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("internal.consoleauth_url", consoleauth.url()),
                ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", "target/timers-requests.log"),
                ConfigOverride.config("serialproxy.idle_timeout_seconds", String.valueOf(idle)),
                ConfigOverride.config("serialproxy.keepalive_seconds", String.valueOf(keepalive))));
        overrides.addAll(List.of(more));
        return new DropwizardTestSupport<>(SerialproxyApplication.class,
                ResourceHelpers.resourceFilePath("serialproxy-test.yml"), overrides.toArray(new ConfigOverride[0]));
    }

    /** The end reason serialproxy reported to consoleauth for the one session of this guest. */
    private static String endReason(FakeConsoleauth consoleauth, FakeGuest guest) throws InterruptedException {
        return consoleauth.awaitEndReason(consoleauth.sessionsOf("127.0.0.1", guest.port()).get(0).id(), WAIT);
    }

    private static URI ws(DropwizardTestSupport<?> app, String token) {
        return URI.create("ws://127.0.0.1:" + app.getLocalPort() + "/?token=" + token);
    }

    @Test
    void pingsKeepTheConnectionAliveButDoNotCountAsActivity() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeGuest guest = FakeGuest.echo()) {
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, 3, 1);
            app.before();
            try (ConsoleClient console = ConsoleClient.open(ws(app, consoleauth.grant("127.0.0.1", guest.port())), null, "binary")) {
                console.send(new byte[] {'k'});
                console.awaitBytes(1, WAIT);
                long opened = System.nanoTime();
                assertThat(console.awaitClose(WAIT)).isEqualTo("4000 idle timeout");
                long idleMillis = Duration.ofNanos(System.nanoTime() - opened).toMillis();
                assertThat(idleMillis).isBetween(1500L, 6000L);
                assertThat(console.pings()).isGreaterThanOrEqualTo(1);
                assertThat(endReason(consoleauth, guest)).isEqualTo("idle-timeout");
            } finally {
                app.after();
            }
        }
    }

    @Test
    void endAtTokenExpiryClosesTheConsoleWhenItsTokenExpires() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeGuest guest = FakeGuest.echo()) {
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, 600, 30,
                    ConfigOverride.config("serialproxy.end_at_token_expiry", "true"));
            app.before();
            String token = consoleauth.grant("127.0.0.1", guest.port(), java.time.Instant.now().plusSeconds(2));
            try (ConsoleClient console = ConsoleClient.open(ws(app, token), null, "binary")) {
                console.send(new byte[] {'t'});
                console.awaitBytes(1, WAIT);
                assertThat(console.awaitClose(WAIT)).isEqualTo("4004 token expired");
                assertThat(endReason(consoleauth, guest)).isEqualTo("token-expired");
            } finally {
                app.after();
            }
        }
    }

    @Test
    void shutdownClosesEveryConsoleWith1001() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeGuest guest = FakeGuest.echo()) {
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, 600, 30);
            app.before();
            boolean stopped = false;
            try (ConsoleClient console = ConsoleClient.open(ws(app, consoleauth.grant("127.0.0.1", guest.port())), null, "binary")) {
                console.send(new byte[] {'s'});
                console.awaitBytes(1, WAIT);
                app.after();
                stopped = true;
                assertThat(console.awaitClose(WAIT)).isEqualTo("1001 proxy shutting down");
                // Reported before the proxy finished stopping, not left to consoleauth's lease.
                assertThat(consoleauth.sessionsOf("127.0.0.1", guest.port()).get(0).endReason()).isEqualTo("proxy-shutdown");
            } finally {
                if (!stopped) {
                    app.after();
                }
            }
        }
    }

    @Test
    void recordWritesAnAsciicastOfTheOutputWithoutTheInput() throws Exception {
        Path dir = Path.of("target", "recordings-" + System.nanoTime());
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeGuest guest = FakeGuest.echo()) {
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, 600, 30,
                    ConfigOverride.config("serial_console.record", "true"),
                    ConfigOverride.config("serialproxy.record_dir", dir.toString()));
            app.before();
            try (ConsoleClient console = ConsoleClient.open(ws(app, consoleauth.grant("127.0.0.1", guest.port())), null, "binary")) {
                byte[] typed = "secret ✓".getBytes(StandardCharsets.UTF_8);
                // Split the check mark across two frames: the recording must still hold it whole.
                console.send(java.util.Arrays.copyOf(typed, typed.length - 1));
                console.awaitBytes(typed.length - 1, WAIT);
                console.send(new byte[] {typed[typed.length - 1]});
                console.awaitBytes(typed.length, WAIT);
            } finally {
                app.after();
            }
        }
        try (var files = Files.list(dir)) {
            List<Path> casts = files.toList();
            assertThat(casts).hasSize(1);
            assertThat(casts.get(0).getFileName().toString()).endsWith(".cast");
            List<String> lines = Files.readAllLines(casts.get(0));
            assertThat(lines.get(0)).contains("\"version\":2").contains("\"width\":80");
            String output = String.join("\n", lines.subList(1, lines.size()));
            assertThat(output).contains("\"o\"").doesNotContain("\"i\"").doesNotContain("\uFFFD");
            StringBuilder text = new StringBuilder();
            for (String line : lines.subList(1, lines.size())) {
                text.append(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get(2).asText());
            }
            assertThat(text.toString()).isEqualTo("secret ✓");
        }
    }
}
