package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.client.ConsoleSessionsClient;
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.contract.OpenedSession;
import io.serialgate.common.contract.ProxyHeartbeat;
import io.serialgate.common.contract.ProxyHeartbeatAnswer;
import io.serialgate.common.contract.RevokedSessions;
import io.serialgate.common.contract.SessionPage;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.testing.TestPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Console sessions through real HTTP, on two consoleauth instances sharing one real PostgreSQL. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionsApiTest {

    private static final String DB_URL = TestPostgres.freshDatabaseUrl();
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-04-01T00:00:00Z"));
    static final DropwizardAppExtension<ConsoleauthConfiguration> ONE = ConsoleauthTestApp.extension(CLOCK, DB_URL);
    static final DropwizardAppExtension<ConsoleauthConfiguration> TWO = ConsoleauthTestApp.extension(CLOCK, DB_URL);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConsoleSessionsClient sessions(DropwizardAppExtension<?> app) {
        return new ConsoleSessionsClient(ConsoleauthTestApp.baseUri(app), ConsoleauthTestApp.SECRET,
                Duration.ofSeconds(10));
    }

    private static String token(String instance, int portIndex) {
        ConsoleauthClient client = ConsoleauthTestApp.client(ONE);
        return client.authorize(new AuthorizeTokenRequest("tenant-s", instance, portIndex, "127.0.0.1", 10002,
                "http://127.0.0.1:6083/serial.html")).token();
    }

    private static OpenedSession open(DropwizardAppExtension<?> app, String token, String proxy, String client,
                                      String role) {
        return sessions(app).open(new OpenSessionRequest(token, proxy, client, "test-agent/1.0", role));
    }

    private static ProxyHeartbeatAnswer heartbeat(DropwizardAppExtension<?> app, String proxy) {
        return sessions(app).heartbeat(proxy);
    }

    private static ConsoleSession end(DropwizardAppExtension<?> app, String sessionId, String reason) {
        return sessions(app).end(sessionId, reason);
    }

    private static String newProxy() {
        return "proxy-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void oneWriterPerSerialPortAcrossInstancesAndViewersAlongside() {
        String instance = UUID.randomUUID().toString();
        String proxyA = newProxy();
        String proxyB = newProxy();

        OpenedSession writer = open(ONE, token(instance, 0), proxyA, "192.0.2.10:5000", "writer");
        assertThat(writer.binding().instanceUuid()).isEqualTo(instance);
        assertThat(writer.binding().port()).isEqualTo(10002);
        assertThat(writer.session().role()).isEqualTo("writer");
        assertThat(writer.session().startedAt()).isEqualTo(CLOCK.instant());
        assertThat(writer.session().endedAt()).isNull();

        assertThatThrownBy(() -> open(TWO, token(instance, 0), proxyB, "198.51.100.7:6000", "writer"))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo("console_in_use");
                    assertThat(e.getMessage()).contains("console in use").contains("192.0.2.10:5000")
                            .contains(writer.session().startedAt().toString());
                });
        // another serial port of the same server, and a viewer of the busy one, are fine
        assertThat(open(TWO, token(instance, 1), proxyB, "198.51.100.7:6000", "writer").session().portIndex()).isEqualTo(1);
        assertThat(open(TWO, token(instance, 0), proxyB, "198.51.100.7:6001", "viewer").session().role()).isEqualTo("viewer");

        ConsoleSession ended = end(ONE, writer.session().sessionId(), "client-closed");
        assertThat(ended.endReason()).isEqualTo("client-closed");
        assertThat(end(TWO, writer.session().sessionId(), "guest-closed").endReason())
                .as("ending twice keeps the first reason").isEqualTo("client-closed");
        assertThat(open(TWO, token(instance, 0), proxyB, "198.51.100.7:6002", "writer").session().endedAt()).isNull();
    }

    @Test
    void sixteenConcurrentWriterClaimsExactlyOneWins() throws Exception {
        String instance = UUID.randomUUID().toString();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tokens.add(token(instance, 3));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                String token = tokens.get(i);
                DropwizardAppExtension<?> app = i % 2 == 0 ? ONE : TWO;
                String proxy = "proxy-race-" + i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        open(app, token, proxy, "203.0.113.1:" + (7000 + tokens.indexOf(token)), "writer");
                        return "won";
                    } catch (ConflictException e) {
                        return e.reason();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).containsOnly("won", "console_in_use");
            assertThat(results.stream().filter("won"::equals)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void revokingASessionReachesItsProxyThroughTheOtherInstanceAndKillsItsToken() {
        String instance = UUID.randomUUID().toString();
        String proxy = newProxy();
        String token = token(instance, 0);
        OpenedSession session = open(ONE, token, proxy, "192.0.2.20:5000", "writer");
        assertThat(heartbeat(ONE, proxy).revokedSessionIds()).isEmpty();

        RevokedSessions revoked = sessions(TWO).revokeSession(session.session().sessionId());

        assertThat(revoked.sessionIds()).containsExactly(session.session().sessionId());
        ProxyHeartbeatAnswer answer = heartbeat(ONE, proxy);
        assertThat(answer.revokedSessionIds()).containsExactly(session.session().sessionId());
        assertThat(answer.leaseLost()).isFalse();
        assertThatThrownBy(() -> ConsoleauthTestApp.client(ONE).validate(token))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("token_revoked"));

        assertThat(end(ONE, session.session().sessionId(), "revoked").revokedAt()).isNotNull();
        assertThat(heartbeat(ONE, proxy).revokedSessionIds()).isEmpty();
    }

    @Test
    void revokingASerialPortReachesEveryProxyHoldingIt() {
        String instance = UUID.randomUUID().toString();
        String proxyA = newProxy();
        String proxyB = newProxy();
        OpenedSession writer = open(ONE, token(instance, 2), proxyA, "192.0.2.30:5000", "writer");
        OpenedSession viewer = open(TWO, token(instance, 2), proxyB, "192.0.2.31:5000", "viewer");
        OpenedSession otherPort = open(TWO, token(instance, 1), proxyB, "192.0.2.31:5001", "writer");
        String pending = token(instance, 2);

        RevokedSessions revoked = sessions(ONE).revokePort(instance, 2);

        assertThat(revoked.sessionIds()).containsExactlyInAnyOrder(writer.session().sessionId(), viewer.session().sessionId());
        assertThat(heartbeat(TWO, proxyA).revokedSessionIds()).containsExactly(writer.session().sessionId());
        assertThat(heartbeat(ONE, proxyB).revokedSessionIds()).containsExactly(viewer.session().sessionId())
                .doesNotContain(otherPort.session().sessionId());
        assertThatThrownBy(() -> open(ONE, pending, proxyA, "192.0.2.30:5001", "writer"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("token_revoked"));
    }

    @Test
    void aSilentProxyLosesItsWriterSlotsAfterTheLease() {
        String instance = UUID.randomUUID().toString();
        String silent = newProxy();
        String alive = newProxy();
        OpenedSession lost = open(ONE, token(instance, 0), silent, "192.0.2.40:5000", "writer");

        CLOCK.advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> open(TWO, token(instance, 0), alive, "192.0.2.41:5000", "writer"))
                .as("within the lease the slot is still held").isInstanceOf(ConflictException.class);

        CLOCK.advance(Duration.ofSeconds(6));
        OpenedSession taken = open(TWO, token(instance, 0), alive, "192.0.2.41:5000", "writer");

        assertThat(taken.session().endedAt()).isNull();
        SessionPage history = sessions(ONE).history(instance);
        ConsoleSession old = history.sessions().stream()
                .filter(s -> s.sessionId().equals(lost.session().sessionId())).findFirst().orElseThrow();
        assertThat(old.endReason()).isEqualTo("proxy-lost");
        ProxyHeartbeatAnswer comeback = heartbeat(ONE, silent);
        assertThat(comeback.leaseLost()).isTrue();
        assertThat(heartbeat(ONE, silent).leaseLost()).isFalse();
    }

    @Test
    void aProxySilentPastTheLeaseThatOpensAConsoleEndsItsOwnOldSessionsFirst() {
        String instance = UUID.randomUUID().toString();
        String proxy = newProxy();
        OpenedSession old = open(ONE, token(instance, 0), proxy, "192.0.2.45:5000", "writer");
        OpenedSession oldViewer = open(ONE, token(instance, 1), proxy, "192.0.2.45:5001", "viewer");

        CLOCK.advance(Duration.ofSeconds(16));
        OpenedSession again = open(TWO, token(instance, 0), proxy, "192.0.2.45:5002", "writer");

        assertThat(again.session().endedAt()).as("the same port, opened again by the same proxy").isNull();
        for (OpenedSession left : List.of(old, oldViewer)) {
            ConsoleSession ended = inHistory(instance, left.session().sessionId());
            assertThat(ended.endReason()).isEqualTo("proxy-lost");
            assertThat(ended.endedAt()).isEqualTo(CLOCK.instant());
        }
        assertThat(heartbeat(ONE, proxy).leaseLost()).as("the open renewed the lease").isFalse();
    }

    private static ConsoleSession inHistory(String instance, String sessionId) {
        return sessions(ONE).history(instance).sessions().stream()
                .filter(s -> s.sessionId().equals(sessionId)).findFirst().orElseThrow();
    }

    @Test
    void aRestartedProxyEndsWhatItsKilledProcessLeftOpenAtOnceAndTheSameTokenWorks() {
        String instance = UUID.randomUUID().toString();
        String proxy = newProxy();
        String killed = UUID.randomUUID().toString();
        String restarted = UUID.randomUUID().toString();
        String token = token(instance, 0);
        assertThat(sessions(ONE).heartbeat(proxy, ProxyHeartbeat.starting(killed)).leaseLost()).isFalse();
        OpenedSession writer = open(ONE, token, proxy, "192.0.2.70:5000", "writer");
        OpenedSession viewer = open(ONE, token(instance, 0), proxy, "192.0.2.71:5000", "viewer");
        OpenedSession elsewhere = open(ONE, token(instance, 1), newProxy(), "192.0.2.72:5000", "writer");
        assertThat(sessions(ONE).heartbeat(proxy, ProxyHeartbeat.of(killed)).leaseLost()).isFalse();
        // kill -9: no end is ever reported. The same proxy_id comes back, well within the lease.
        CLOCK.advance(Duration.ofSeconds(2));

        ProxyHeartbeatAnswer started = sessions(TWO).heartbeat(proxy, ProxyHeartbeat.starting(restarted));

        assertThat(started.leaseLost()).isFalse();
        assertThat(started.revokedSessionIds()).isEmpty();
        for (OpenedSession left : List.of(writer, viewer)) {
            ConsoleSession ended = inHistory(instance, left.session().sessionId());
            assertThat(ended.endReason()).isEqualTo("proxy-lost");
            assertThat(ended.endedAt()).isEqualTo(CLOCK.instant());
        }
        assertThat(inHistory(instance, elsewhere.session().sessionId()).endedAt())
                .as("another proxy's session is untouched").isNull();
        OpenedSession again = open(TWO, token, proxy, "192.0.2.70:5001", "writer");
        assertThat(again.session().endedAt()).isNull();

        // The restarted process's announcement retried (its answer was lost) ends nothing of its own.
        assertThat(sessions(ONE).heartbeat(proxy, ProxyHeartbeat.starting(restarted)).leaseLost()).isFalse();
        assertThat(inHistory(instance, again.session().sessionId()).endedAt()).isNull();
    }

    @Test
    void aSupersededIncarnationGetsLeaseLostAndRenewsNothing() {
        String instance = UUID.randomUUID().toString();
        String proxy = newProxy();
        String old = UUID.randomUUID().toString();
        String current = UUID.randomUUID().toString();
        sessions(ONE).heartbeat(proxy, ProxyHeartbeat.starting(old));
        sessions(ONE).heartbeat(proxy, ProxyHeartbeat.starting(current));
        OpenedSession writer = open(ONE, token(instance, 0), proxy, "192.0.2.80:5000", "writer");
        sessions(TWO).revokeSession(writer.session().sessionId());
        Instant announced = CLOCK.instant();
        CLOCK.advance(Duration.ofSeconds(3));

        ProxyHeartbeatAnswer stale = sessions(TWO).heartbeat(proxy, ProxyHeartbeat.of(old));

        assertThat(stale.leaseLost()).isTrue();
        assertThat(stale.revokedSessionIds()).as("not the stale process's to close").isEmpty();
        assertThat(inHistory(instance, writer.session().sessionId()).lastSeenAt()).isEqualTo(announced);
        assertThat(sessions(ONE).heartbeat(proxy, ProxyHeartbeat.of(old)).leaseLost()).as("for good").isTrue();
        ProxyHeartbeatAnswer live = sessions(ONE).heartbeat(proxy, ProxyHeartbeat.of(current));
        assertThat(live.leaseLost()).isFalse();
        assertThat(live.revokedSessionIds()).containsExactly(writer.session().sessionId());
        assertThat(inHistory(instance, writer.session().sessionId()).lastSeenAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void anIncarnationHeartbeatStillLosesTheLeaseAfterSilence() {
        String instance = UUID.randomUUID().toString();
        String proxy = newProxy();
        String incarnation = UUID.randomUUID().toString();
        sessions(ONE).heartbeat(proxy, ProxyHeartbeat.starting(incarnation));
        OpenedSession writer = open(ONE, token(instance, 0), proxy, "192.0.2.90:5000", "writer");
        CLOCK.advance(Duration.ofSeconds(16));

        assertThat(sessions(ONE).heartbeat(proxy, ProxyHeartbeat.of(incarnation)).leaseLost()).isTrue();
        assertThat(inHistory(instance, writer.session().sessionId()).endReason()).isEqualTo("proxy-lost");
        assertThat(sessions(ONE).heartbeat(proxy, ProxyHeartbeat.of(incarnation)).leaseLost()).isFalse();
    }

    @Test
    void aHeartbeatWithoutABodyStillRenews() throws Exception {
        String proxy = newProxy();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        ConsoleauthTestApp.baseUri(ONE).resolve("v1/proxies/" + proxy + "/heartbeat"))
                .header("Authorization", "Bearer " + ConsoleauthTestApp.SECRET)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("lease_lost").asBoolean(true)).isFalse();
    }

    @Test
    void historyIsNewestFirstAndPaginated() {
        String instance = UUID.randomUUID().toString();
        String proxy = newProxy();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OpenedSession s = open(ONE, token(instance, 0), proxy, "192.0.2.50:" + (5000 + i), "viewer");
            ids.add(s.session().sessionId());
            CLOCK.advance(Duration.ofSeconds(1));
        }

        SessionPage first = sessions(TWO).history(instance, 2, null);
        assertThat(first.sessions()).extracting(ConsoleSession::sessionId).containsExactly(ids.get(2), ids.get(1));
        assertThat(first.nextMarker()).isEqualTo(ids.get(1));
        SessionPage second = sessions(TWO).history(instance, 2, first.nextMarker());
        assertThat(second.sessions()).extracting(ConsoleSession::sessionId).containsExactly(ids.get(0));
        assertThat(second.nextMarker()).isNull();
        assertThat(second.sessions().get(0).userAgent()).isEqualTo("test-agent/1.0");
    }

    @Test
    void unknownSessionsAre404() {
        String unknown = UUID.randomUUID().toString();
        assertThatThrownBy(() -> end(ONE, unknown, "client-closed"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("session_unknown"));
        assertThatThrownBy(() -> sessions(ONE).revokeSession(unknown))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("session_unknown"));
        assertThatThrownBy(() -> open(ONE, "no-such-token", newProxy(), "192.0.2.60:1", "writer"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("token_unknown"));
    }

    @Test
    void theTypedClientEncodesPathSegmentsAndCarriesTheReasons() {
        assertThatThrownBy(() -> sessions(ONE).heartbeat("a b"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getMessage()).startsWith("proxy_id: must not contain spaces"));
        assertThatThrownBy(() -> sessions(ONE).end("not a uuid", "client-closed"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getMessage()).startsWith("session_id: must be a UUID"));
        assertThatThrownBy(() -> sessions(ONE).history(UUID.randomUUID().toString(), 0, null))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getMessage()).startsWith("limit: must be an integer"));
        assertThat(sessions(ONE).history(UUID.randomUUID().toString()).sessions()).isEmpty();
        assertThat(sessions(ONE).revokePort(UUID.randomUUID().toString(), 0).sessionIds()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "POST | /v1/sessions                     | {\"proxy_id\":\"p\",\"client_address\":\"c\",\"role\":\"writer\"}                  | token: is required",
        "POST | /v1/sessions                     | {\"token\":\"t\",\"client_address\":\"c\",\"role\":\"writer\"}                     | proxy_id: is required",
        "POST | /v1/sessions                     | {\"token\":\"t\",\"proxy_id\":\"p q\",\"client_address\":\"c\",\"role\":\"writer\"} | proxy_id: must not contain spaces",
        "POST | /v1/sessions                     | {\"token\":\"t\",\"proxy_id\":\"p/q\",\"client_address\":\"c\",\"role\":\"writer\"} | proxy_id: must not contain '/'",
        "POST | /v1/sessions                     | {\"token\":\"t\",\"proxy_id\":\"p\",\"role\":\"writer\"}                           | client_address: is required",
        "POST | /v1/sessions                     | {\"token\":\"t\",\"proxy_id\":\"p\",\"client_address\":\"c\"}                      | role: is required",
        "POST | /v1/sessions                     | {\"token\":\"t\",\"proxy_id\":\"p\",\"client_address\":\"c\",\"role\":\"admin\"}   | role: must be writer or viewer",
        "POST | /v1/sessions                     | {\"token\":\"t\",\"proxy_id\":\"p\",\"client_address\":\"c\",\"role\":\"viewer\",\"user_agent\":\"a\\u0007b\"} | user_agent: must not contain control characters",
        "POST | /v1/sessions                     | {\"token\":                                                                      | body: is not valid JSON",
        "POST | /v1/sessions/not-a-uuid/end      | {\"reason\":\"client-closed\"}                                                    | session_id: must be a UUID",
        "POST | /v1/sessions/%s/end              | {}                                                                               | reason: is required",
        "POST | /v1/sessions/%s/end              | {\"reason\":\"proxy-lost\"}                                                       | reason: must be one of",
        "POST | /v1/sessions/revoke              | {}                                                                               | session_id: give either session_id, or instance_uuid with port_index",
        "POST | /v1/sessions/revoke              | {\"session_id\":\"%s\",\"instance_uuid\":\"%s\",\"port_index\":0}                 | session_id: give either",
        "POST | /v1/sessions/revoke              | {\"session_id\":\"x\"}                                                            | session_id: must be a UUID",
        "POST | /v1/sessions/revoke              | {\"instance_uuid\":\"%s\"}                                                        | port_index: is required with instance_uuid",
        "POST | /v1/sessions/revoke              | {\"instance_uuid\":\"%s\",\"port_index\":-2}                                      | port_index: must be between 0 and 255, got -2",
        "POST | /v1/sessions/revoke              | {\"instance_uuid\":\"vm\",\"port_index\":0}                                       | instance_uuid: must be a UUID",
        "POST | /v1/proxies/a%20b/heartbeat      |                                                                                  | proxy_id: must not contain spaces",
        "POST | /v1/proxies/p/heartbeat          | {\"starting\":true}                                                             | incarnation: is required",
        "POST | /v1/proxies/p/heartbeat          | {\"incarnation\":\"x\"}                                                         | incarnation: must be a UUID, got 'x'",
        "POST | /v1/proxies/p/heartbeat          | {\"incarnation\":                                                               | body: is not valid JSON",
        "POST | /v1/proxies/a%20b/heartbeat      | {\"incarnation\":\"%s\",\"starting\":true}                                       | proxy_id: must not contain spaces",
        "GET  | /v1/instances/vm-1/sessions      |                                                                                  | instance_uuid: must be a UUID",
        "GET  | /v1/instances/%s/sessions?limit=0 |                                                                                 | limit: must be an integer between 1 and 1000, got '0'",
        "GET  | /v1/instances/%s/sessions?limit=x |                                                                                 | limit: must be an integer between 1 and 1000",
        "GET  | /v1/instances/%s/sessions?marker=%s |                                                                               | marker: is not a session of server",
    })
    void badSessionRequestsGet400NamingTheField(String method, String path, String body, String expected) throws Exception {
        String filledPath = path.replace("%s", UUID.randomUUID().toString());
        String filledBody = body == null ? "" : body.replace("%s", UUID.randomUUID().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(ConsoleauthTestApp.baseUri(ONE).resolve(filledPath.substring(1)))
                .header("Authorization", "Bearer " + ConsoleauthTestApp.SECRET)
                .header("Content-Type", "application/json");
        request = "GET".equals(method) ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(filledBody));

        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("reason").asText()).isEqualTo("invalid_input");
        assertThat(error.path("message").asText()).contains(expected);
    }

    @Test
    void sessionEndpointsRequireTheServiceCredential() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("v1/sessions", "v1/sessions/revoke", "v1/proxies/p/heartbeat",
                "v1/sessions/" + UUID.randomUUID() + "/end")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(ConsoleauthTestApp.baseUri(ONE).resolve(path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> list = client.send(HttpRequest.newBuilder(ConsoleauthTestApp.baseUri(ONE)
                .resolve("v1/instances/" + UUID.randomUUID() + "/sessions")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(401);
    }

}
