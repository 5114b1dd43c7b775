package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.contract.ApiInternalContract;
import io.serialgate.common.testing.TestPostgres;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compute host registry over real HTTP: heartbeats, placement on hosts that are up, the
 * admin-only "host" of a create, 503 when no host is up, and the static fallback of
 * internal.compute_url before any heartbeat. The steps build on each other, hence the order.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComputeHostsTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute FALLBACK = new StandInCompute(TestApi.SECRET, "fallback-host");
    private static final StandInCompute HOST_B = new StandInCompute(TestApi.SECRET, "compute-b");
    private static final StandInCompute HOST_C = new StandInCompute(TestApi.SECRET, "compute-c");
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, FALLBACK.url(), CONSOLEAUTH.url());
    private static final String ADMIN = TestApi.ADMIN_KEY;
    private static final String HEARTBEAT = ApiInternalContract.COMPUTE_HOST_HEARTBEAT;

    private static ApiCalls api;
    private static String member;
    private static String fallbackServer;

    @BeforeAll
    static void keys() {
        api = new ApiCalls(APP.getLocalPort());
        member = TestApi.memberKey(DB, "project-h");
    }

    @AfterAll
    static void stopStandIns() {
        FALLBACK.close();
        HOST_B.close();
        HOST_C.close();
        CONSOLEAUTH.close();
    }

    @Test
    @Order(1)
    void beforeAnyHeartbeatTheStaticComputeUrlIsTheHost() {
        fallbackServer = create(member, "{\"server\": {\"name\": \"on-fallback\"}}");
        assertThat(FALLBACK.instances).containsKey(fallbackServer);
        assertThat(api.get("/v2.1/servers/" + fallbackServer, ADMIN).json().at("/server/OS-EXT-SRV-ATTR:host").asText())
                .isEqualTo("fallback-host");
    }

    @Test
    @Order(2)
    void heartbeatNeedsTheServiceCredential() {
        String body = heartbeat("compute-b", HOST_B.url(), 100);
        for (String auth : new String[] {null, "Bearer wrong", "Bearer " + TestApi.SECRET + "x", TestApi.SECRET}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + APP.getLocalPort() + HEARTBEAT))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (auth != null) {
                request.header("Authorization", auth);
            }
            Reply reply = api.send(request);
            assertThat(reply.status()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(reply.json().at("/error/code").asInt()).isEqualTo(401);
        }
        // An API key, even an admin's, is not the service credential.
        assertThat(api.post(HEARTBEAT, ADMIN, body).status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void badHeartbeatsAre400() {
        List<String> bodies = List.of(
                "",
                "{not json",
                "[]",
                "{}",
                heartbeat("compute-b", HOST_B.url(), 100).replace("}", ", \"colour\": \"red\"}"),
                heartbeat("", HOST_B.url(), 100),
                heartbeat("compute-b", "not a url", 100),
                heartbeat("compute-b", "ftp://127.0.0.1/", 100),
                heartbeat("compute-b", HOST_B.url(), -1),
                heartbeat("compute-b", HOST_B.url(), 100).replace("\"free_ports\": 100", "\"free_ports\": \"100\""),
                heartbeat("compute-b", HOST_B.url(), 100).replace("\"max_serial_ports\": 4", "\"max_serial_ports\": 0"),
                heartbeat("compute-b", HOST_B.url(), 100).replace(", \"driver\": \"fake\"", ""));
        for (String body : bodies) {
            Reply reply = beat(body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().at("/error/message").asText()).as(body).isNotBlank();
        }
        assertThat(beat(heartbeat("compute-b", HOST_B.url(), 100).replace("}", ", \"colour\": 1}"))
                .json().at("/error/message").asText()).contains("colour");
    }

    @Test
    @Order(4)
    void serversArePlacedOnAHostThatIsUp() {
        assertThat(beat(heartbeat("compute-b", HOST_B.url(), 100)).status()).isEqualTo(204);
        String id = create(member, "{\"server\": {\"name\": \"on-b\", \"image_properties\": {\"hw_serial_port_count\": \"2\"}}}");
        assertThat(HOST_B.instances).containsKey(id);
        assertThat(FALLBACK.instances).doesNotContainKey(id);
        assertThat(api.get("/v2.1/servers/" + id, ADMIN).json().at("/server/OS-EXT-SRV-ATTR:host").asText())
                .isEqualTo("compute-b");
        assertThat(api.get("/v2.1/servers/" + id, member).json().get("server").has("OS-EXT-SRV-ATTR:host")).isFalse();

        // Console and delete go to the server's own host.
        Reply console = api.post("/v2.1/servers/" + id + "/action", member,
                "{\"os-getSerialConsole\": {\"type\": \"serial\", \"port\": 1}}");
        assertThat(console.status()).isEqualTo(200);
        assertThat(CONSOLEAUTH.authorized.get(CONSOLEAUTH.authorized.size() - 1).port())
                .isEqualTo(StandInCompute.FIRST_PORT + 1);
        // consoleauth re-checks the token's endpoint at this host's compute-driver, not the fallback.
        assertThat(CONSOLEAUTH.authorized.get(CONSOLEAUTH.authorized.size() - 1).computeUrl())
                .isEqualTo(HOST_B.url());
        HOST_B.failWith(503);
        try {
            assertThat(api.post("/v3/servers/" + id + "/get-serial-console", member, null).status()).isEqualTo(503);
            // The fallback host's servers are not affected by compute-b being down.
            assertThat(api.post("/v3/servers/" + fallbackServer + "/get-serial-console", member, null).status())
                    .isEqualTo(202);
        } finally {
            HOST_B.failWith(0);
        }
        assertThat(api.delete("/v2.1/servers/" + id, member).status()).isEqualTo(204);
        assertThat(HOST_B.instances).doesNotContainKey(id);
    }

    @Test
    @Order(5)
    void theRoomiestHostIsChosenAndAnAdminMayNameOne() {
        assertThat(beat(heartbeat("compute-b", HOST_B.url(), 10)).status()).isEqualTo(204);
        assertThat(beat(heartbeat("compute-c", HOST_C.url(), 50)).status()).isEqualTo(204);
        String roomiest = create(member, "{\"server\": {\"name\": \"roomiest\"}}");
        assertThat(HOST_C.instances).containsKey(roomiest);

        String named = create(ADMIN, "{\"server\": {\"name\": \"named\", \"host\": \"compute-b\"}}");
        assertThat(HOST_B.instances).containsKey(named);

        Reply memberNames = api.post("/v2.1/servers", member, "{\"server\": {\"name\": \"x\", \"host\": \"compute-b\"}}");
        assertThat(memberNames.status()).isEqualTo(403);
        assertThat(memberNames.fault("forbidden")).contains("forced_host");
        Reply unknown = api.post("/v2.1/servers", ADMIN, "{\"server\": {\"name\": \"x\", \"host\": \"compute-z\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.fault("badRequest")).isEqualTo("Compute host compute-z could not be found.");
        for (String host : List.of("5", "\"\"", "[\"compute-b\"]")) {
            Reply bad = api.post("/v2.1/servers", ADMIN, "{\"server\": {\"name\": \"x\", \"host\": " + host + "}}");
            assertThat(bad.status()).as(host).isEqualTo(400);
            assertThat(bad.fault("badRequest")).contains("host");
        }
        Reply full = api.post("/v2.1/servers", member,
                "{\"server\": {\"name\": \"huge\", \"image_properties\": {\"hw_serial_port_count\": \"5\"}}}");
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.fault("serviceUnavailable")).contains("No valid host was found");
    }

    @Test
    @Order(6)
    void noHostUpIs503AndNothingIsKept() {
        age("compute-c");
        Reply down = api.post("/v2.1/servers", ADMIN, "{\"server\": {\"name\": \"x\", \"host\": \"compute-c\"}}");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.fault("serviceUnavailable")).contains("compute-c is not up");

        age("compute-b");
        Reply none = api.post("/v2.1/servers", member, "{\"server\": {\"name\": \"homeless\"}}");
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.fault("serviceUnavailable")).isEqualTo("No valid host was found: no compute host is up.");
        assertThat(api.get("/v2.1/servers?name=homeless", member).json().get("servers")).isEmpty();
        // Registered hosts replace the fallback for good: it gets no new servers either.
        assertThat(FALLBACK.instances).hasSize(1);

        // A host coming back is used again at once.
        assertThat(beat(heartbeat("compute-b", HOST_B.url(), 10)).status()).isEqualTo(204);
        assertThat(HOST_B.instances).containsKey(create(member, "{\"server\": {\"name\": \"back\"}}"));
    }

    @Test
    @Order(7)
    void adminsSeeTheHostsAsNovaServices() throws Exception {
        Reply services = api.get("/v2.1/os-services", ADMIN);
        assertThat(services.status()).isEqualTo(200);
        assertThat(services.json().get("services").findValuesAsText("host")).containsExactly("compute-b", "compute-c");
        assertThat(services.json().get("services").findValuesAsText("state")).containsExactly("up", "down");
        assertThat(services.json().at("/services/0/binary").asText()).isEqualTo("nova-compute");
        assertThat(services.json().at("/services/0/free_ports").asInt()).isEqualTo(9);
        assertThat(api.get("/v2.1/os-services?host=compute-c", ADMIN).json().get("services")).hasSize(1);
        assertThat(api.get("/v2.1/os-services?binary=nova-scheduler", ADMIN).json().get("services")).isEmpty();
        Reply member = api.get("/v2.1/os-services", ComputeHostsTest.member);
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.fault("forbidden")).contains("os-services");

        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openstack")), "openstack not installed");
        ProcessBuilder builder = new ProcessBuilder("openstack", "--os-auth-type", "admin_token", "--os-endpoint",
                "http://127.0.0.1:" + APP.getLocalPort() + "/v2.1", "--os-token", ADMIN,
                "compute", "service", "list", "-f", "value", "-c", "Host", "-c", "State")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("OS_"));
        builder.environment().put("HOME", Files.createTempDirectory("osc-home").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isEqualTo(0);
        assertThat(output).contains("compute-b up").contains("compute-c down");
    }

    private static void age(String host) {
        Jdbi.create(DB).useHandle(h -> h.execute(
                "UPDATE api.compute_hosts SET last_seen = now() - interval '1 hour' WHERE host = ?", host));
    }

    private static Reply beat(String body) {
        return api.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + APP.getLocalPort() + HEARTBEAT))
                .header("Authorization", "Bearer " + TestApi.SECRET)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String heartbeat(String host, String url, int freePorts) {
        return "{\"host\": \"" + host + "\", \"url\": \"" + url + "\", \"driver\": \"fake\", \"port_range\": \"10000:20000\","
                + " \"free_ports\": " + freePorts + ", \"max_serial_ports\": 4}";
    }

    private static String create(String key, String body) {
        Reply created = api.post("/v2.1/servers", key, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.json().at("/server/id").asText();
    }
}
