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
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The api over real HTTP, on real PostgreSQL, against stand-in compute and consoleauth services. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServersAndConsolesTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url());
    private static final String ADMIN = TestApi.ADMIN_KEY;
    private static final String BASE_URL = "http://127.0.0.1:6083/serial.html";

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

    // --- authentication and discovery ---

    @Test
    void versionDiscoveryIsAnonymous() {
        Reply root = api.get("/", null);
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json().get("versions").findValuesAsText("id")).contains("v2.0", "v2.1");
        Reply v21 = api.get("/v2.1", null);
        assertThat(v21.status()).isEqualTo(200);
        assertThat(v21.json().at("/version/id").asText()).isEqualTo("v2.1");
        assertThat(v21.json().at("/version/min_version").asText()).isEqualTo("2.1");
        assertThat(api.get("/v2.1/", null).status()).isEqualTo(200);
        assertThat(api.get("/v2", null).status()).isEqualTo(200);
        assertThat(api.get("/v3", null).status()).isEqualTo(200);
    }

    @Test
    void missingOrUnknownKeyIs401() {
        Reply missing = api.get("/v2.1/servers", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.fault("unauthorized")).isEqualTo("Authentication required");
        Reply unknown = api.get("/v2.1/servers", "not-a-key");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.fault("unauthorized")).isEqualTo("Authentication required");
        assertThat(api.post("/v3/servers/" + UUID.randomUUID() + "/get-serial-console", null, null).status())
                .isEqualTo(401);
        // Not even the existence of a path is told without a key.
        assertThat(api.get("/no/such/path", null).status()).isEqualTo(401);
    }

    @Test
    void unknownPathAndWrongMethodAreNovaFaults() {
        Reply unknown = api.get("/no/such/path", keyA);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.fault("itemNotFound")).isNotBlank();
        Reply method = api.send(api.builder("/v2.1/servers", keyA).PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.fault("badMethod")).isNotBlank();
    }

    // --- servers ---

    @Test
    void createShowListAndDeleteAServer() {
        Reply created = api.post("/v2.1/servers", keyA,
                "{\"server\": {\"name\": \"web-1\", \"image_properties\": {\"hw_serial_port_count\": \"2\"}}}");
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().at("/server/id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(created.json().at("/server/links/0/href").asText()).endsWith("/v2.1/project-a/servers/" + id);
        assertThat(COMPUTE.instances).containsKey(id);

        JsonNode server = api.get("/v2.1/servers/" + id, keyA).json().get("server");
        assertThat(server.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(server.get("name").asText()).isEqualTo("web-1");
        assertThat(server.get("tenant_id").asText()).isEqualTo("project-a");
        assertThat(server.get("serial_port_count").asInt()).isEqualTo(2);
        assertThat(server.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(server.has("OS-EXT-SRV-ATTR:host")).isFalse();

        Reply list = api.get("/v2.1/servers", keyA);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("servers").findValuesAsText("id")).contains(id);
        assertThat(list.json().at("/servers/0").has("name")).isTrue();
        assertThat(api.get("/v2.1/servers?name=web-1", keyA).json().get("servers").findValuesAsText("id"))
                .containsExactly(id);
        assertThat(api.get("/v2.1/servers?name=nope", keyA).json().get("servers")).isEmpty();
        JsonNode detail = api.get("/v2.1/servers/detail?name=web-1", keyA).json().get("servers");
        assertThat(detail).hasSize(1);
        assertThat(detail.get(0).get("status").asText()).isEqualTo("ACTIVE");

        Reply deleted = api.delete("/v2.1/servers/" + id, keyA);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(COMPUTE.instances).doesNotContainKey(id);
        assertThat(api.get("/v2.1/servers/" + id, keyA).status()).isEqualTo(404);
        assertThat(api.delete("/v2.1/servers/" + id, keyA).status()).isEqualTo(404);
    }

    @Test
    void serversUnderTheV2TenantPath() {
        Reply created = api.post("/v2/project-a/servers", keyA, "{\"server\": {\"name\": \"v2-server\"}}");
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().at("/server/id").asText();
        assertThat(api.get("/v2/project-a/servers/" + id, keyA).json().at("/server/serial_port_count").asInt())
                .isEqualTo(1);
        assertThat(api.get("/v2/project-a/servers", keyA).json().get("servers").findValuesAsText("id")).contains(id);
        assertThat(api.get("/v2.1/project-a/servers/" + id, keyA).status()).isEqualTo(200);

        Reply mismatch = api.get("/v2/project-b/servers", keyA);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.fault("badRequest")).contains("project-b");
        assertThat(api.delete("/v2/project-a/servers/" + id, keyA).status()).isEqualTo(204);
    }

    @Test
    void anotherProjectsServerIs404() {
        String id = createServer(keyA, "private", 1);
        for (Reply reply : List.of(
                api.get("/v2.1/servers/" + id, keyB),
                api.delete("/v2.1/servers/" + id, keyB),
                api.post("/v2/project-b/servers/" + id + "/get-serial-console", keyB, null),
                api.post("/v3/servers/" + id + "/get-serial-console", keyB, null),
                api.post("/v2.1/servers/" + id + "/action", keyB, "{\"os-getSerialConsole\": {\"type\": \"serial\"}}"))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.fault("itemNotFound")).isEqualTo("Instance " + id + " could not be found.");
        }
        assertThat(api.get("/v2.1/servers", keyB).json().get("servers").findValuesAsText("id")).doesNotContain(id);
        assertThat(COMPUTE.instances).containsKey(id);
    }

    @Test
    void adminActsAcrossProjects() {
        String id = createServer(keyA, "admin-visible", 1);
        assertThat(api.get("/v2.1/servers", ADMIN).json().get("servers").findValuesAsText("id")).contains(id);
        JsonNode server = api.get("/v2.1/servers/" + id, ADMIN).json().get("server");
        assertThat(server.get("OS-EXT-SRV-ATTR:host").asText()).isEqualTo(StandInCompute.HOST);
        assertThat(api.get("/v2/project-a/servers/" + id, ADMIN).status()).isEqualTo(200);
        assertThat(api.get("/v2/project-b/servers/" + id, ADMIN).status()).isEqualTo(404);
        assertThat(api.post("/v2/project-a/servers/" + id + "/get-serial-console", ADMIN, null).status()).isEqualTo(200);
    }

    @Test
    void unknownOrMalformedServerIdIs404() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1-2-3-4-5")) {
            Reply reply = api.get("/v2.1/servers/" + id, keyA);
            assertThat(reply.status()).as(id).isEqualTo(404);
            assertThat(reply.fault("itemNotFound")).isEqualTo("Instance " + id + " could not be found.");
        }
    }

    @Test
    void badCreateBodiesAre400() {
        List<String> bodies = List.of(
                "{not json",
                "{\"server\": {\"name\": \"x\"}} trailing",
                "{\"server\": {\"name\": \"x\", \"name\": \"y\"}}",
                "[]",
                "{}",
                "{\"server\": \"x\"}",
                "{\"server\": {}}",
                "{\"server\": {\"name\": 5}}",
                "{\"server\": {\"name\": \" padded \"}}",
                "{\"server\": {\"name\": \"x\", \"colour\": \"red\"}}",
                "{\"server\": {\"name\": \"x\"}, \"extra\": 1}",
                "{\"server\": {\"name\": \"x\", \"image_properties\": {\"hw_serial_port_count\": \"two\"}}}",
                "{\"server\": {\"name\": \"x\", \"image_properties\": {\"hw_serial_port_count\": \"0\"}}}",
                "{\"server\": {\"name\": \"x\", \"image_properties\": {\"hw_serial_port_count\": [1]}}}");
        for (String body : bodies) {
            Reply reply = api.post("/v2.1/servers", keyA, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.fault("badRequest")).as(body).isNotBlank().doesNotContain("Exception").doesNotContain("at io.");
        }
        assertThat(api.post("/v2.1/servers", keyA, null).fault("badRequest")).contains("server");
        assertThat(api.post("/v2.1/servers", keyA, "{\"server\": {\"name\": \"colour\"}, \"extra\": 1}")
                .fault("badRequest")).contains("extra");
    }

    @Test
    void aSpawnTheComputeHostRefusesIs400AndNotKept() {
        Reply reply = api.post("/v2.1/servers", keyA,
                "{\"server\": {\"name\": \"too-many\", \"image_properties\": {\"hw_serial_port_count\": \"9\"}}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(api.get("/v2.1/servers?name=too-many", keyA).json().get("servers")).isEmpty();
    }

    @Test
    void aFailedSpawnLeavesTheServerInError() {
        COMPUTE.failWith(500);
        String id;
        try {
            Reply created = api.post("/v2.1/servers", keyA, "{\"server\": {\"name\": \"doomed\"}}");
            assertThat(created.status()).isEqualTo(202);
            id = created.json().at("/server/id").asText();
        } finally {
            COMPUTE.failWith(0);
        }
        JsonNode server = api.get("/v2.1/servers/" + id, keyA).json().get("server");
        assertThat(server.get("status").asText()).isEqualTo("ERROR");
        assertThat(server.at("/fault/message").asText()).isNotBlank();

        Reply console = api.post("/v2/project-a/servers/" + id + "/get-serial-console", keyA, null);
        assertThat(console.status()).isEqualTo(409);
        assertThat(console.fault("conflictingRequest")).contains(id).contains("error");
        assertThat(api.delete("/v2.1/servers/" + id, keyA).status()).isEqualTo(204);
    }

    /**
     * A spawn can fail on the api's side (compute died or timed out mid-spawn) after the compute
     * host allocated ports and defined the server: deleting the ERROR server still asks that host
     * to destroy it. A host that cannot answer keeps the server (503); a 404 means nothing to clean.
     */
    @Test
    void deletingAServerInErrorAsksItsComputeHostToDestroyIt() {
        COMPUTE.failWith(503);
        String leftOnCompute;
        String neverOnCompute;
        try {
            leftOnCompute = api.post("/v2.1/servers", keyA, "{\"server\": {\"name\": \"half-built\"}}").json().at("/server/id").asText();
            neverOnCompute = api.post("/v2.1/servers", keyA, "{\"server\": {\"name\": \"never-built\"}}").json().at("/server/id").asText();
            assertThat(api.get("/v2.1/servers/" + leftOnCompute, keyA).json().at("/server/status").asText()).isEqualTo("ERROR");

            // The compute host is still down: the ERROR server is kept, as an ACTIVE one would be.
            Reply refused = api.delete("/v2.1/servers/" + leftOnCompute, keyA);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.fault("serviceUnavailable")).contains("unavailable at this time");
            assertThat(api.get("/v2.1/servers/" + leftOnCompute, keyA).json().at("/server/status").asText()).isEqualTo("ERROR");
        } finally {
            COMPUTE.failWith(0);
        }
        // What a compute host that spawned the server before its answer was lost still holds.
        COMPUTE.instances.put(leftOnCompute, new ComputeInstance(leftOnCompute, "half-built", COMPUTE.host(), "fake", 1, "running"));

        assertThat(api.delete("/v2.1/servers/" + leftOnCompute, keyA).status()).isEqualTo(204);
        assertThat(COMPUTE.instances).doesNotContainKey(leftOnCompute);
        // 404 from the compute host: nothing there to clean, the server is forgotten all the same.
        assertThat(api.delete("/v2.1/servers/" + neverOnCompute, keyA).status()).isEqualTo(204);
        assertThat(COMPUTE.destroysAsked).contains(leftOnCompute, neverOnCompute);
        assertThat(api.get("/v2.1/servers/" + leftOnCompute, keyA).status()).isEqualTo(404);
        assertThat(api.get("/v2.1/servers/" + neverOnCompute, keyA).status()).isEqualTo(404);
    }

    /**
     * The compute host spawned the server but its answer never arrived (it died, or the call timed
     * out): the api shows ERROR and, in the background, keeps asking the host to destroy the
     * server until it can, so an ERROR server holds no serial port even before anyone deletes it.
     */
    @Test
    void aFailedSpawnIsDestroyedOnItsHostOnceTheHostAnswersAgain() throws Exception {
        COMPUTE.failWith(503);
        String id;
        try {
            id = api.post("/v2.1/servers", keyA, "{\"server\": {\"name\": \"answer-lost\"}}").json().at("/server/id").asText();
            // What the host made before its answer was lost.
            COMPUTE.instances.put(id, new ComputeInstance(id, "answer-lost", COMPUTE.host(), "fake", 1, "running"));
            Thread.sleep(1500); // at least one attempt refused while the host is down
            assertThat(COMPUTE.instances).containsKey(id);
        } finally {
            COMPUTE.failWith(0);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (COMPUTE.instances.containsKey(id) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(COMPUTE.instances).as("destroyed on the host without a delete").doesNotContainKey(id);
        assertThat(COMPUTE.destroysAsked).contains(id);
        assertThat(api.get("/v2.1/servers/" + id, keyA).json().at("/server/status").asText()).isEqualTo("ERROR");
        assertThat(api.delete("/v2.1/servers/" + id, keyA).status()).isEqualTo(204);
    }

    // --- console URLs ---

    @Test
    void seedV2ConsoleUrlIs200() {
        String id = createServer(keyA, "console-v2", 2);
        String token = CONSOLEAUTH.nextToken();
        Reply reply = api.post("/v2/project-a/servers/" + id + "/get-serial-console", keyA, null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/serial_console/url").asText()).isEqualTo(BASE_URL + "?token=" + token);
        AuthorizeTokenRequest asked = lastAuthorized();
        assertThat(asked.instanceUuid()).isEqualTo(id);
        assertThat(asked.tenantId()).isEqualTo("project-a");
        assertThat(asked.portIndex()).isEqualTo(0);
        assertThat(asked.host()).isEqualTo("127.0.0.1");
        assertThat(asked.port()).isEqualTo(StandInCompute.FIRST_PORT);

        Reply second = api.post("/v2/project-a/servers/" + id + "/get-serial-console", keyA,
                "{\"type\": \"serial\", \"port\": 1}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(lastAuthorized().portIndex()).isEqualTo(1);
        assertThat(lastAuthorized().port()).isEqualTo(StandInCompute.FIRST_PORT + 1);
    }

    @Test
    void seedV3ConsoleUrlIs202() {
        String id = createServer(keyA, "console-v3", 1);
        String token = CONSOLEAUTH.nextToken();
        Reply reply = api.post("/v3/servers/" + id + "/get-serial-console", keyA, "{}");
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().at("/serial_console/url").asText()).isEqualTo(BASE_URL + "?token=" + token);
    }

    @Test
    void novaActionGivesAConsole() {
        String id = createServer(keyA, "console-action", 1);
        String token = CONSOLEAUTH.nextToken();
        Reply reply = api.post("/v2.1/servers/" + id + "/action", keyA, "{\"os-getSerialConsole\": {\"type\": \"serial\"}}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/console/type").asText()).isEqualTo("serial");
        assertThat(reply.json().at("/console/url").asText()).isEqualTo(BASE_URL + "?token=" + token);

        assertThat(api.post("/v2.1/servers/" + id + "/action", keyA, "{\"os-getSerialConsole\": {}}")
                .fault("badRequest")).contains("type");
        assertThat(api.post("/v2.1/servers/" + id + "/action", keyA, "{\"os-getSerialConsole\": {\"type\": \"novnc\"}}")
                .status()).isEqualTo(400);
        Reply unknown = api.post("/v2.1/servers/" + id + "/action", keyA, "{\"createImage\": {\"name\": \"snap\"}}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.fault("itemNotFound")).contains("createImage");
    }

    @Test
    void badConsoleBodiesAre400() {
        String id = createServer(keyA, "console-bad", 2);
        List<String> bodies = new ArrayList<>(List.of(
                "{not json",
                "[1]",
                "{\"type\": \"serial\", \"colour\": \"red\"}",
                "{\"type\": \"novnc\"}",
                "{\"type\": 7}",
                "{\"port\": -1}",
                "{\"port\": \"1\"}",
                "{\"port\": 1.5}",
                "{\"port\": 2}",
                "{\"port\": 99999999999}"));
        for (String body : bodies) {
            for (String path : List.of("/v2/project-a/servers/" + id + "/get-serial-console",
                    "/v3/servers/" + id + "/get-serial-console")) {
                Reply reply = api.post(path, keyA, body);
                assertThat(reply.status()).as(path + " " + body).isEqualTo(400);
                assertThat(reply.fault("badRequest")).as(body).isNotBlank();
            }
        }
        assertThat(api.post("/v3/servers/" + id + "/get-serial-console", keyA, "{\"port\": 2}").fault("badRequest"))
                .contains("2 serial ports");
        assertThat(api.post("/v3/servers/" + id + "/get-serial-console", keyA, "{\"extra\": 1}").fault("badRequest"))
                .contains("extra");
    }

    @Test
    void unknownServerConsoleIs404() {
        Reply reply = api.post("/v3/servers/" + UUID.randomUUID() + "/get-serial-console", keyA, null);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.fault("itemNotFound")).contains("could not be found");
        assertThat(api.post("/v3/servers/nope/get-serial-console", keyA, null).status()).isEqualTo(404);
    }

    @Test
    void internalServiceFailuresAre503() {
        String id = createServer(keyA, "console-503", 1);
        CONSOLEAUTH.failWith(503);
        try {
            Reply reply = api.post("/v3/servers/" + id + "/get-serial-console", keyA, null);
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.fault("serviceUnavailable")).isNotBlank();
        } finally {
            CONSOLEAUTH.failWith(0);
        }
        COMPUTE.failWith(500);
        try {
            Reply reply = api.post("/v3/servers/" + id + "/get-serial-console", keyA, null);
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.fault("serviceUnavailable")).isNotBlank();
            assertThat(api.delete("/v2.1/servers/" + id, keyA).status()).isEqualTo(503);
        } finally {
            COMPUTE.failWith(0);
        }
        // A service rejecting our credential is the operator's problem: 503, not a 401 for the user.
        COMPUTE.failWith(401);
        try {
            assertThat(api.post("/v3/servers/" + id + "/get-serial-console", keyA, null).status()).isEqualTo(503);
        } finally {
            COMPUTE.failWith(0);
        }
        assertThat(api.get("/v2.1/servers/" + id, keyA).json().at("/server/status").asText()).isEqualTo("ACTIVE");
    }

    private static AuthorizeTokenRequest lastAuthorized() {
        return CONSOLEAUTH.authorized.get(CONSOLEAUTH.authorized.size() - 1);
    }

    private static String createServer(String key, String name, int ports) {
        Reply created = api.post("/v2.1/servers", key, "{\"server\": {\"name\": \"" + name
                + "\", \"image_properties\": {\"hw_serial_port_count\": \"" + ports + "\"}}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.json().at("/server/id").asText();
    }
}
