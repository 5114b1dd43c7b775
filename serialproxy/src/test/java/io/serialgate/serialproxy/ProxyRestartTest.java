package io.serialgate.serialproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.serialgate.serialproxy.support.ConsoleClient;
import io.serialgate.serialproxy.support.FakeConsoleauth;
import io.serialgate.serialproxy.support.FakeGuest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A proxy process keeps its proxy_id across restarts: each process announces its own incarnation
 * before its first session, so a restarted proxy is not refused by the sessions its killed
 * predecessor left open, and a superseded process stops holding consoles.
 */
class ProxyRestartTest {

    private static final String PROXY_ID = "proxy-restarted";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static DropwizardTestSupport<SerialproxyConfiguration> proxy(FakeConsoleauth consoleauth, String log) {
        return new DropwizardTestSupport<>(SerialproxyApplication.class,
                ResourceHelpers.resourceFilePath("serialproxy-test.yml"),
                ConfigOverride.config("internal.consoleauth_url", consoleauth.url()),
                ConfigOverride.config("serialproxy.proxy_id", PROXY_ID),
                ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", "target/" + log));
    }

    private static URI console(DropwizardTestSupport<?> app, String token) {
        return URI.create("ws://127.0.0.1:" + app.getLocalPort() + "/?token=" + token);
    }

    @Test
    void theFirstConsoleAfterAKill9GetsTheWriterSlotTheDeadProcessHeld() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeGuest guest = FakeGuest.echo()) {
            String stranded = consoleauth.strandWriter("127.0.0.1", guest.port(), PROXY_ID);
            DropwizardTestSupport<SerialproxyConfiguration> app = proxy(consoleauth, "restart-requests.log");
            app.before();
            try (ConsoleClient writer = ConsoleClient.open(console(app, consoleauth.grant("127.0.0.1", guest.port())),
                    null, "binary")) {
                writer.send(new byte[] {'k'});
                assertThat(writer.awaitBytes(1, WAIT)).containsExactly('k');
                assertThat(consoleauth.awaitEndReason(stranded, WAIT)).isEqualTo("proxy-lost");
                assertThat(consoleauth.incarnationOf(PROXY_ID)).isNotNull();
            } finally {
                app.after();
            }
        }
    }

    @Test
    void whenAnotherProcessTakesTheProxyIdTheOldOneClosesItsConsoles() throws Exception {
        try (FakeConsoleauth consoleauth = new FakeConsoleauth(); FakeGuest first = FakeGuest.echo();
             FakeGuest second = FakeGuest.echo()) {
            DropwizardTestSupport<SerialproxyConfiguration> old = proxy(consoleauth, "restart-old-requests.log");
            DropwizardTestSupport<SerialproxyConfiguration> newer = proxy(consoleauth, "restart-new-requests.log");
            old.before();
            try (ConsoleClient held = ConsoleClient.open(console(old, consoleauth.grant("127.0.0.1", first.port())),
                    null, "binary")) {
                held.send(new byte[] {'o'});
                held.awaitBytes(1, WAIT);
                String oldIncarnation = consoleauth.incarnationOf(PROXY_ID);
                newer.before();
                try (ConsoleClient taken = ConsoleClient.open(console(newer, consoleauth.grant("127.0.0.1", second.port())),
                        null, "binary")) {
                    assertThat(consoleauth.incarnationOf(PROXY_ID)).isNotEqualTo(oldIncarnation);
                    String oldSession = consoleauth.sessionsOf("127.0.0.1", first.port()).get(0).id();
                    assertThat(consoleauth.awaitEndReason(oldSession, WAIT)).isEqualTo("proxy-lost");
                    // The old process hears lease_lost at its next heartbeat (one a second).
                    assertThat(held.awaitClose(Duration.ofSeconds(3))).isEqualTo("4005 session lease lost");
                    // The writer slot it held is free again, through the newer process.
                    try (ConsoleClient again = ConsoleClient.open(console(newer, consoleauth.grant("127.0.0.1", first.port())),
                            null, "binary")) {
                        again.send(new byte[] {'a'});
                        assertThat(again.awaitBytes(1, WAIT)).containsExactly('a');
                    }
                    taken.send(new byte[] {'n'});
                    assertThat(taken.awaitBytes(1, WAIT)).containsExactly('n');
                } finally {
                    newer.after();
                }
            } finally {
                old.after();
            }
        }
    }
}
