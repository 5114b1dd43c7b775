package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.serialgate.api.core.AdminKeyBootstrap;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.contract.ApiInternalContract;
import io.serialgate.common.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where Nova is wrong, serialgate is right: a console of a server that is not ACTIVE is 409 in
 * every URL shape (Nova answers 500 for some), every body endpoint answers 413 to an oversized
 * body (declared or chunked) and 400 to a key its schema does not know.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class StatesAndStrictBodiesTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url());
    private static final String KEY = TestApi.ADMIN_KEY;
    private static final String MV_2_6 = "compute 2.6";
    private static final String ADMIN_PROJECT = AdminKeyBootstrap.ADMIN_PROJECT;

    private static ApiCalls api;
    private static String id;

    @BeforeAll
    static void server() {
        api = new ApiCalls(APP.getLocalPort());
        Reply created = api.post("/v2.1/servers", KEY, "{\"server\": {\"name\": \"strict\"}}");
        assertThat(created.status()).isEqualTo(202);
        id = created.json().at("/server/id").asText();
    }

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    @Test
    void consolesOfAServerThatIsNotActiveAre409InEveryShape() {
        for (String status : List.of("DELETING", "MIGRATING", "ERROR", "BUILD")) {
            setStatus(status);
            try {
                for (Reply reply : consoleRequests()) {
                    assertThat(reply.status()).as(status + " " + reply).isEqualTo(409);
                    assertThat(reply.fault("conflictingRequest")).as(status)
                            .contains(id).contains("status " + status).contains("Cannot get_serial_console");
                }
                String taskState = api.get("/v2.1/servers/" + id, KEY).json().at("/server/OS-EXT-STS:task_state").asText();
                if (status.equals("DELETING") || status.equals("MIGRATING")) {
                    assertThat(taskState).isEqualTo(status.toLowerCase());
                }
            } finally {
                setStatus("ACTIVE");
            }
        }
        for (Reply reply : consoleRequests()) {
            assertThat(reply.status()).as(reply.toString()).isIn(200, 202);
        }
    }

    /** A body endpoint and a body it accepts, with %s where more keys may go. */
    private record BodyEndpoint(String path, String template) {}

    /** Every body the public api and its internal endpoint accept. */
    private static List<BodyEndpoint> bodyEndpoints() {
        String action = "/v2.1/servers/" + id + "/action";
        return List.of(
                new BodyEndpoint("/v2.1/servers", "{\"server\": {\"name\": \"x\"%s}}"),
                new BodyEndpoint("/v2/" + ADMIN_PROJECT + "/servers/" + id + "/get-serial-console", "{\"type\": \"serial\"%s}"),
                new BodyEndpoint("/v3/servers/" + id + "/get-serial-console", "{\"type\": \"serial\"%s}"),
                new BodyEndpoint(action, "{\"os-getSerialConsole\": {\"type\": \"serial\"%s}}"),
                new BodyEndpoint(action, "{\"os-resetSerialConsole\": {\"port\": 0%s}}"),
                new BodyEndpoint("/v2.1/servers/" + id + "/remote-consoles",
                        "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\"%s}}"),
                new BodyEndpoint(ApiInternalContract.COMPUTE_HOST_HEARTBEAT, "{\"host\": \"h\", \"url\": \"" + COMPUTE.url()
                        + "\", \"driver\": \"fake\", \"port_range\": \"10000:20000\", \"free_ports\": 100,"
                        + " \"max_serial_ports\": 4%s}"));
    }

    @Test
    void unknownKeysAreRefusedOnEveryBody() {
        for (BodyEndpoint endpoint : bodyEndpoints()) {
            Reply good = post(endpoint.path(), String.format(endpoint.template(), ""), false);
            assertThat(good.status()).as(endpoint + " " + good).isIn(200, 202, 204);
            Reply unknown = post(endpoint.path(), String.format(endpoint.template(), ", \"colour\": \"red\""), false);
            assertThat(unknown.status()).as(endpoint.toString()).isEqualTo(400);
            assertThat(unknown.text()).as(endpoint.toString()).contains("colour");
        }
    }

    @Test
    void oversizedBodiesAre413OnEveryBodyEndpoint() {
        String padding = ", \"pad\": \"" + "x".repeat(200_000) + "\"";
        for (BodyEndpoint endpoint : bodyEndpoints()) {
            for (boolean chunked : new boolean[] {false, true}) {
                Reply reply = post(endpoint.path(), String.format(endpoint.template(), padding), chunked);
                assertThat(reply.status()).as(endpoint + " chunked=" + chunked).isEqualTo(413);
                assertThat(reply.text()).as(endpoint.path()).contains("too large");
                if (endpoint.path().startsWith("/internal/")) {
                    assertThat(reply.json().at("/error/code").asInt()).isEqualTo(413);
                } else {
                    assertThat(reply.fault("overLimit")).contains("at most");
                }
            }
        }
    }

    private static List<Reply> consoleRequests() {
        return List.of(
                api.post("/v2/" + ADMIN_PROJECT + "/servers/" + id + "/get-serial-console", KEY, null),
                api.post("/v3/servers/" + id + "/get-serial-console", KEY, null),
                api.post("/v2.1/servers/" + id + "/action", KEY, "{\"os-getSerialConsole\": {\"type\": \"serial\"}}"),
                post("/v2.1/servers/" + id + "/remote-consoles",
                        "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\"}}", false));
    }

    /** A POST as an admin at microversion 2.6, with the service credential on internal paths. */
    private static Reply post(String path, String body, boolean chunked) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                .header("Content-Type", "application/json")
                .header("OpenStack-API-Version", MV_2_6)
                .POST(publisher);
        if (path.startsWith("/internal/")) {
            request.header("Authorization", "Bearer " + TestApi.SECRET);
        } else {
            request.header("X-Auth-Token", KEY);
        }
        return api.send(request);
    }

    private static void setStatus(String status) {
        Jdbi.create(DB).useHandle(h -> h.execute("UPDATE api.servers SET status = ? WHERE id = ?::uuid", status, id));
    }
}
