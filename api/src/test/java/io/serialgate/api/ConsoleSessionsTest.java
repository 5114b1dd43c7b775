package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.contract.RevokeSessionsRequest;
import io.serialgate.common.testing.TestPostgres;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Console sessions and force disconnect over real HTTP, against a stand-in consoleauth that
 * speaks the real session contract: listing, history paging, disconnecting one session,
 * os-resetSerialConsole, serial ports in use, tenant isolation and bad input.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleSessionsTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url());

    private static ApiCalls api;
    private static String keyA;
    private static String keyB;

    @BeforeAll
    static void keys() {
        api = new ApiCalls(APP.getLocalPort());
        keyA = TestApi.memberKey(DB, "project-a");
        keyB = TestApi.memberKey(DB, "project-b");
    }

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    @Test
    void openSessionsAndTheWholeHistory() {
        String id = createServer("listed", 2);
        String ended = CONSOLEAUTH.addSession(id, 0, "writer", false);
        String writer = CONSOLEAUTH.addSession(id, 0, "writer", true);
        String viewer = CONSOLEAUTH.addSession(id, 1, "viewer", true);

        Reply open = api.get(sessionsPath(id), keyA);
        assertThat(open.status()).isEqualTo(200);
        JsonNode list = open.json().get("serial_console_sessions");
        assertThat(list.findValuesAsText("id")).containsExactly(viewer, writer);
        JsonNode first = list.get(1);
        assertThat(first.get("port_index").asInt()).isEqualTo(0);
        assertThat(first.get("role").asText()).isEqualTo("writer");
        assertThat(first.get("client_address").asText()).isEqualTo("192.0.2.7");
        assertThat(first.get("started_at").asText()).endsWith("Z");
        assertThat(first.get("ended_at").isNull()).isTrue();
        assertThat(first.has("proxy_id")).isFalse();
        assertThat(api.get(sessionsPath(id), TestApi.ADMIN_KEY).json().at("/serial_console_sessions/0/proxy_id").asText())
                .isEqualTo("proxy-1");

        JsonNode all = api.get(sessionsPath(id) + "?all=1", keyA).json().get("serial_console_sessions");
        assertThat(all.findValuesAsText("id")).containsExactly(viewer, writer, ended);
        assertThat(all.get(2).get("end_reason").asText()).isEqualTo("client-closed");
        assertThat(api.get(sessionsPath(id) + "?all=0", keyA).json().get("serial_console_sessions")).hasSize(2);
        assertThat(api.get("/v2/project-a/servers/" + id + "/serial-console-sessions", keyA).status()).isEqualTo(200);
    }

    @Test
    void historyIsPagedWithNovaLinks() {
        String id = createServer("paged", 1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, CONSOLEAUTH.addSession(id, 0, "viewer", false));
        }
        Reply first = api.get(sessionsPath(id) + "?all=1&limit=3", keyA);
        assertThat(first.json().get("serial_console_sessions").findValuesAsText("id")).isEqualTo(ids.subList(0, 3));
        URI next = URI.create(first.json().at("/serial_console_sessions_links/0/href").asText());
        assertThat(first.json().at("/serial_console_sessions_links/0/rel").asText()).isEqualTo("next");
        Reply second = api.get(next.getRawPath() + "?" + next.getRawQuery(), keyA);
        assertThat(second.json().get("serial_console_sessions").findValuesAsText("id")).isEqualTo(ids.subList(3, 5));
        assertThat(second.json().has("serial_console_sessions_links")).isFalse();
    }

    @Test
    void badSessionQueriesAre400() {
        String id = createServer("bad-query", 1);
        for (String query : List.of("?all=maybe", "?all=1&limit=0", "?all=1&limit=abc", "?all=1&limit=1001",
                "?all=1&marker=not-a-uuid", "?limit=5", "?marker=" + UUID.randomUUID())) {
            Reply reply = api.get(sessionsPath(id) + query, keyA);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.fault("badRequest")).as(query).isNotBlank();
        }
    }

    @Test
    void disconnectingOneSession() {
        String id = createServer("disconnect", 1);
        String other = createServer("disconnect-other", 1);
        String open = CONSOLEAUTH.addSession(id, 0, "writer", true);
        String ended = CONSOLEAUTH.addSession(id, 0, "writer", false);
        String othersSession = CONSOLEAUTH.addSession(other, 0, "writer", true);
        int revokesBefore = CONSOLEAUTH.revokes.size();

        Reply reply = api.delete(sessionsPath(id) + "/" + open, keyA);
        assertThat(reply.status()).isEqualTo(202);
        assertThat(CONSOLEAUTH.revokes.get(CONSOLEAUTH.revokes.size() - 1))
                .isEqualTo(new RevokeSessionsRequest(open, null, null));
        assertThat(CONSOLEAUTH.session(open).endReason()).isEqualTo("revoked");
        assertThat(api.get(sessionsPath(id), keyA).json().get("serial_console_sessions")).isEmpty();

        // Already over: nothing to do, still 202, consoleauth not asked.
        assertThat(api.delete(sessionsPath(id) + "/" + open, keyA).status()).isEqualTo(202);
        assertThat(api.delete(sessionsPath(id) + "/" + ended, keyA).status()).isEqualTo(202);
        assertThat(CONSOLEAUTH.revokes).hasSize(revokesBefore + 1);

        // A session is only reached through its own server.
        for (String session : List.of(othersSession, UUID.randomUUID().toString(), "not-a-uuid")) {
            Reply unknown = api.delete(sessionsPath(id) + "/" + session, keyA);
            assertThat(unknown.status()).as(session).isEqualTo(404);
            assertThat(unknown.fault("itemNotFound")).contains(session);
        }
        assertThat(CONSOLEAUTH.session(othersSession).endedAt()).isNull();
        assertThat(CONSOLEAUTH.revokes).hasSize(revokesBefore + 1);
    }

    @Test
    void resetSerialConsoleDropsWhoeverHoldsThePort() {
        String id = createServer("reset", 2);
        String onPort0 = CONSOLEAUTH.addSession(id, 0, "writer", true);
        String onPort1 = CONSOLEAUTH.addSession(id, 1, "writer", true);

        Reply reply = api.post(actionPath(id), keyA, "{\"os-resetSerialConsole\": {\"port\": 1}}");
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.text()).isEmpty();
        assertThat(CONSOLEAUTH.revokes.get(CONSOLEAUTH.revokes.size() - 1))
                .isEqualTo(new RevokeSessionsRequest(null, id, 1));
        assertThat(CONSOLEAUTH.session(onPort1).endReason()).isEqualTo("revoked");
        assertThat(CONSOLEAUTH.session(onPort0).endedAt()).isNull();

        for (String body : List.of("{\"os-resetSerialConsole\": {}}", "{\"os-resetSerialConsole\": null}")) {
            assertThat(api.post(actionPath(id), keyA, body).status()).as(body).isEqualTo(202);
            assertThat(CONSOLEAUTH.revokes.get(CONSOLEAUTH.revokes.size() - 1).portIndex()).isEqualTo(0);
        }
        assertThat(CONSOLEAUTH.session(onPort0).endReason()).isEqualTo("revoked");
    }

    @Test
    void badResetBodiesAre400() {
        String id = createServer("reset-bad", 2);
        int revokesBefore = CONSOLEAUTH.revokes.size();
        for (String inner : List.of("{\"port\": 2}", "{\"port\": -1}", "{\"port\": \"1\"}", "{\"port\": 1.5}",
                "{\"port\": 0, \"colour\": \"red\"}", "[0]", "7")) {
            String body = "{\"os-resetSerialConsole\": " + inner + "}";
            Reply reply = api.post(actionPath(id), keyA, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.fault("badRequest")).as(body).isNotBlank();
        }
        assertThat(api.post(actionPath(id), keyA, "{\"os-resetSerialConsole\": {\"port\": 2}}").fault("badRequest"))
                .contains("2 serial ports");
        assertThat(api.post(actionPath(id), keyA, "{\"os-resetSerialConsole\": {\"colour\": 1}}").fault("badRequest"))
                .contains("colour");
        assertThat(CONSOLEAUTH.revokes).hasSize(revokesBefore);
    }

    @Test
    void serialPortsSayWhichAreInUse() {
        String id = createServer("ports", 3);
        CONSOLEAUTH.addSession(id, 0, "writer", true);
        CONSOLEAUTH.addSession(id, 0, "viewer", true);
        CONSOLEAUTH.addSession(id, 1, "viewer", true);
        CONSOLEAUTH.addSession(id, 2, "writer", false);

        Reply reply = api.get("/v2.1/servers/" + id + "/serial-ports", keyA);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode ports = reply.json().get("serial_ports");
        assertThat(ports).hasSize(3);
        assertThat(ports.findValuesAsText("index")).containsExactly("0", "1", "2");
        assertThat(ports.findValues("in_use").stream().map(JsonNode::asBoolean)).containsExactly(true, false, false);
        assertThat(ports.findValues("open_sessions").stream().map(JsonNode::asInt)).containsExactly(2, 1, 0);
    }

    @Test
    void anotherProjectsServerIs404Everywhere() {
        String id = createServer("isolated", 1);
        String session = CONSOLEAUTH.addSession(id, 0, "writer", true);
        int revokesBefore = CONSOLEAUTH.revokes.size();
        for (Reply reply : List.of(
                api.get(sessionsPath(id), keyB),
                api.get(sessionsPath(id) + "?all=1", keyB),
                api.delete(sessionsPath(id) + "/" + session, keyB),
                api.post(actionPath(id), keyB, "{\"os-resetSerialConsole\": {\"port\": 0}}"),
                api.get("/v2.1/servers/" + id + "/serial-ports", keyB),
                api.get("/v2.1/servers/" + UUID.randomUUID() + "/serial-ports", keyA),
                api.get("/v2.1/servers/not-a-uuid/serial-console-sessions", keyA))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.fault("itemNotFound")).contains("could not be found");
        }
        assertThat(CONSOLEAUTH.session(session).endedAt()).isNull();
        assertThat(CONSOLEAUTH.revokes).hasSize(revokesBefore);
        assertThat(api.get(sessionsPath(id), null).status()).isEqualTo(401);
    }

    @Test
    void consoleauthDownIs503() {
        String id = createServer("no-consoleauth", 1);
        String session = CONSOLEAUTH.addSession(id, 0, "writer", true);
        CONSOLEAUTH.failWith(503);
        try {
            for (Reply reply : List.of(
                    api.get(sessionsPath(id), keyA),
                    api.delete(sessionsPath(id) + "/" + session, keyA),
                    api.post(actionPath(id), keyA, "{\"os-resetSerialConsole\": {\"port\": 0}}"),
                    api.get("/v2.1/servers/" + id + "/serial-ports", keyA))) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
                assertThat(reply.fault("serviceUnavailable")).isEqualTo("The consoleauth service is unavailable at this time.");
            }
        } finally {
            CONSOLEAUTH.failWith(0);
        }
    }

    private static String sessionsPath(String id) {
        return "/v2.1/servers/" + id + "/serial-console-sessions";
    }

    private static String actionPath(String id) {
        return "/v2.1/servers/" + id + "/action";
    }

    private static String createServer(String name, int ports) {
        Reply created = api.post("/v2.1/servers", keyA, "{\"server\": {\"name\": \"" + name
                + "\", \"image_properties\": {\"hw_serial_port_count\": \"" + ports + "\"}}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.json().at("/server/id").asText();
    }
}
