package io.serialgate.serialproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.serialproxy.support.ConsoleClient;
import io.serialgate.serialproxy.support.FakeConsoleauth;
import io.serialgate.serialproxy.support.FakeGuest;
import io.serialgate.serialproxy.support.RawUpgrade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Console sessions through a real HTTP consoleauth stand-in: open, end reasons, heartbeat, revocation. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleSessionsTest {

    private static final String PROXY_ID = "proxy-under-test";
    private static final FakeConsoleauth CONSOLEAUTH = start();
    private static final DropwizardAppExtension<SerialproxyConfiguration> APP = new DropwizardAppExtension<>(
            SerialproxyApplication.class,
            ResourceHelpers.resourceFilePath("serialproxy-test.yml"),
            ConfigOverride.config("internal.consoleauth_url", CONSOLEAUTH::url),
            ConfigOverride.config("serialproxy.proxy_id", PROXY_ID),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", "target/sessions-requests.log"));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static FakeConsoleauth start() {
        try {
            return new FakeConsoleauth();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        CONSOLEAUTH.close();
    }

    private static URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + APP.getLocalPort() + "/?" + query);
    }

    @Test
    void aWriterOpensAWriterSessionAndItsCloseIsReportedAsClientClosed() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            try (ConsoleClient console = ConsoleClient.open(ws("token=" + CONSOLEAUTH.grant("127.0.0.1", guest.port())),
                    null, "binary")) {
                console.send(new byte[] {'w'});
                console.awaitBytes(1, WAIT);
                List<FakeConsoleauth.Session> sessions = CONSOLEAUTH.sessionsOf("127.0.0.1", guest.port());
                assertThat(sessions).hasSize(1);
                assertThat(sessions.get(0).role()).isEqualTo("writer");
                assertThat(sessions.get(0).proxyId()).isEqualTo(PROXY_ID);
                assertThat(sessions.get(0).endReason()).isNull();
            }
            String id = CONSOLEAUTH.sessionsOf("127.0.0.1", guest.port()).get(0).id();
            assertThat(CONSOLEAUTH.awaitEndReason(id, WAIT)).isEqualTo("client-closed");
        }
    }

    @Test
    void aWriterHeldThroughAnotherProxyIsRefused409NamingTheHolder() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            // The first writer is on "another proxy": only consoleauth knows about it.
            String first = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            RawUpgrade.Answer held = openElsewhere(first);
            assertThat(held.status()).isEqualTo(201);
            RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(),
                    "/?token=" + CONSOLEAUTH.grant("127.0.0.1", guest.port()), Map.of());
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.head()).doesNotContainIgnoringCase("Sec-WebSocket-Accept");
            assertThat(answer.body()).contains("\"reason\":\"console_in_use\"").contains("since ")
                    .contains("by 192.0.2.7:40000");
            assertThat(guest.connections()).isZero();
        }
    }

    @Test
    void aWriterThatReconnectsAtOnceIsNotRefusedByItsOwnUnreportedEnd() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            // consoleauth records ends slowly: the first session is still open there when the
            // same user comes back a moment later with the same (reusable) token.
            CONSOLEAUTH.delayEnds(Duration.ofMillis(700));
            try {
                try (ConsoleClient first = ConsoleClient.open(ws("token=" + token), null, "binary")) {
                    first.send(new byte[] {'1'});
                    first.awaitBytes(1, WAIT);
                }
                try (ConsoleClient again = ConsoleClient.open(ws("token=" + token), null, "binary")) {
                    again.send(new byte[] {'2'});
                    assertThat(new String(again.awaitBytes(1, WAIT))).isEqualTo("2");
                }
            } finally {
                CONSOLEAUTH.delayEnds(Duration.ZERO);
            }
            List<FakeConsoleauth.Session> sessions = CONSOLEAUTH.sessionsOf("127.0.0.1", guest.port());
            assertThat(sessions).hasSize(2);
            assertThat(CONSOLEAUTH.awaitEndReason(sessions.get(0).id(), WAIT)).isEqualTo("client-closed");
        }
    }

    @Test
    void guestHangupIsReportedAsGuestClosed() throws Exception {
        try (FakeGuest guest = FakeGuest.hangingUp()) {
            try (ConsoleClient console = ConsoleClient.open(ws("token=" + CONSOLEAUTH.grant("127.0.0.1", guest.port())),
                    null, "binary")) {
                assertThat(console.awaitClose(WAIT)).isEqualTo("1000 guest closed the port");
            }
            String id = CONSOLEAUTH.sessionsOf("127.0.0.1", guest.port()).get(0).id();
            assertThat(CONSOLEAUTH.awaitEndReason(id, WAIT)).isEqualTo("guest-closed");
        }
    }

    @Test
    void revocationClosesTheWebsocketWithin1sWith4001() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            try (ConsoleClient console = ConsoleClient.open(ws("token=" + CONSOLEAUTH.grant("127.0.0.1", guest.port())),
                    null, "binary");
                 ConsoleClient viewer = ConsoleClient.open(ws("mode=view&token=" + CONSOLEAUTH.grant("127.0.0.1", guest.port())),
                    null, "binary")) {
                console.send(new byte[] {'r'});
                console.awaitBytes(1, WAIT);
                List<FakeConsoleauth.Session> sessions = CONSOLEAUTH.sessionsOf("127.0.0.1", guest.port());
                assertThat(sessions).extracting(FakeConsoleauth.Session::role).containsExactly("writer", "viewer");
                long revokedAt = System.nanoTime();
                CONSOLEAUTH.revoke(sessions.get(0).id());
                assertThat(console.awaitClose(WAIT)).isEqualTo("4001 disconnected by administrator");
                long millis = Duration.ofNanos(System.nanoTime() - revokedAt).toMillis();
                // One heartbeat a second: at most a period plus one round trip to consoleauth.
                assertThat(millis).isLessThanOrEqualTo(1000L + 300L);
                assertThat(CONSOLEAUTH.awaitEndReason(sessions.get(0).id(), WAIT)).isEqualTo("revoked");
                // The writer left: its viewer is closed and its session ended too.
                assertThat(viewer.awaitClose(WAIT)).startsWith("4001");
                assertThat(CONSOLEAUTH.awaitEndReason(sessions.get(1).id(), WAIT)).isEqualTo("revoked");
            }
        }
    }

    @Test
    void oneHeartbeatEveryHalfSecondWhateverTheSessionCount() throws Exception {
        try (FakeGuest guest = FakeGuest.echo(); FakeGuest other = FakeGuest.echo()) {
            try (ConsoleClient a = ConsoleClient.open(ws("token=" + CONSOLEAUTH.grant("127.0.0.1", guest.port())), null, "binary");
                 ConsoleClient b = ConsoleClient.open(ws("token=" + CONSOLEAUTH.grant("127.0.0.1", other.port())), null, "binary")) {
                a.send(new byte[] {'a'});
                a.awaitBytes(1, WAIT);
                int before = CONSOLEAUTH.heartbeats(PROXY_ID);
                Thread.sleep(3000);
                int beats = CONSOLEAUTH.heartbeats(PROXY_ID) - before;
                // Two consoles, one proxy: 6 heartbeats in 3 s, not one stream per console.
                assertThat(beats).isBetween(5, 7);
                assertThat(CONSOLEAUTH.proxies()).containsOnly(PROXY_ID);
            }
        }
    }

    @Test
    void aLostLeaseClosesTheConsoles() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            try (ConsoleClient console = ConsoleClient.open(ws("token=" + CONSOLEAUTH.grant("127.0.0.1", guest.port())),
                    null, "binary")) {
                console.send(new byte[] {'l'});
                console.awaitBytes(1, WAIT);
                CONSOLEAUTH.loseLeaseOnce();
                assertThat(console.awaitClose(WAIT)).isEqualTo("4005 session lease lost");
                assertThat(CONSOLEAUTH.sessionsOf("127.0.0.1", guest.port()).get(0).endReason()).isEqualTo("proxy-lost");
            }
        }
    }

    /** Opens a writer session as another proxy would, straight at the stand-in. */
    private static RawUpgrade.Answer openElsewhere(String token) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(URI.create(CONSOLEAUTH.url() + "/v1/sessions"))
                .header("Authorization", "Bearer " + FakeConsoleauth.SECRET)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token
                        + "\",\"proxy_id\":\"other-proxy\",\"client_address\":\"192.0.2.7:40000\",\"role\":\"writer\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new RawUpgrade.Answer(response.statusCode(), "", response.body());
    }
}
