package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nova's microversion negotiation and the 2.6 remote-consoles API, plus 413 and 501. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MicroversionsAndRemoteConsolesTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url());
    private static final String KEY = TestApi.ADMIN_KEY;
    private static final String SERIAL = "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\"}}";

    private static ApiCalls api;
    private static String serverId;

    @BeforeAll
    static void server() {
        api = new ApiCalls(APP.getLocalPort());
        Reply created = api.post("/v2.1/servers", KEY,
                "{\"server\": {\"name\": \"mv\", \"image_properties\": {\"hw_serial_port_count\": \"2\"}}}");
        serverId = created.json().at("/server/id").asText();
    }

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    private static Reply post(String path, String body, String header, String value) {
        HttpRequest.Builder b = api.builder(path, KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return api.send(value == null ? b : b.header(header, value));
    }

    private static Reply get(String path, String header, String value) {
        return api.send(api.builder(path, KEY).header(header, value).GET());
    }

    @Test
    void versionDocumentsAdvertiseTheRange() {
        Reply v21 = api.get("/v2.1/", null);
        assertThat(v21.json().at("/version/version").asText()).isEqualTo("2.6");
        assertThat(v21.json().at("/version/min_version").asText()).isEqualTo("2.1");
    }

    @Test
    void noHeaderMeansTheMinimumAndAnswersSayWhichVersion() {
        Reply reply = api.get("/v2.1/servers", KEY);
        assertThat(reply.raw().headers().firstValue("OpenStack-API-Version")).contains("compute 2.1");
        assertThat(reply.raw().headers().firstValue("X-OpenStack-Nova-API-Version")).contains("2.1");
        assertThat(reply.raw().headers().allValues("Vary").toString()).contains("OpenStack-API-Version");
    }

    @Test
    void bothHeadersAndLatestAreUnderstood() {
        assertThat(get("/v2.1/servers", "OpenStack-API-Version", "compute 2.6").raw().headers()
                .firstValue("OpenStack-API-Version")).contains("compute 2.6");
        assertThat(get("/v2.1/servers", "X-OpenStack-Nova-API-Version", "2.3").raw().headers()
                .firstValue("X-OpenStack-Nova-API-Version")).contains("2.3");
        assertThat(get("/v2.1/servers", "OpenStack-API-Version", "compute latest").raw().headers()
                .firstValue("OpenStack-API-Version")).contains("compute 2.6");
        // A header for another service is not ours to judge.
        assertThat(get("/v2.1/servers", "OpenStack-API-Version", "volume 3.50").status()).isEqualTo(200);
    }

    @Test
    void anUnsupportedVersionIs406AndABadOneIs400() {
        Reply tooNew = get("/v2.1/servers", "OpenStack-API-Version", "compute 2.999");
        assertThat(tooNew.status()).isEqualTo(406);
        assertThat(tooNew.text()).contains("Minimum is 2.1 and maximum is 2.6");
        assertThat(get("/v2.1/servers", "X-OpenStack-Nova-API-Version", "2.0").status()).isEqualTo(406);
        Reply bad = get("/v2.1/servers", "X-OpenStack-Nova-API-Version", "two");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.fault("badRequest")).contains("not a valid format");
    }

    @Test
    void remoteConsolesFrom26() {
        String path = "/v2.1/servers/" + serverId + "/remote-consoles";
        String token = CONSOLEAUTH.nextToken();
        Reply reply = post(path, SERIAL, "OpenStack-API-Version", "compute 2.6");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/remote_console/protocol").asText()).isEqualTo("serial");
        assertThat(reply.json().at("/remote_console/type").asText()).isEqualTo("serial");
        assertThat(reply.json().at("/remote_console/url").asText()).endsWith("?token=" + token);

        Reply below = post(path, SERIAL, "OpenStack-API-Version", "compute 2.5");
        assertThat(below.status()).isEqualTo(404);
        assertThat(post(path, SERIAL, null, null).status()).isEqualTo(404);
    }

    @Test
    void remoteConsoleBodiesAreCheckedAgainstTheSchema() {
        String path = "/v2.1/servers/" + serverId + "/remote-consoles";
        String[] bodies = {
                "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"novnc\"}}",
                "{\"remote_console\": {\"protocol\": \"vnc\", \"type\": \"serial\"}}",
                "{\"remote_console\": {\"protocol\": \"vnc\", \"type\": \"novnc\"}}",
                "{\"remote_console\": {\"protocol\": \"telnet\", \"type\": \"serial\"}}",
                "{\"remote_console\": {\"type\": \"serial\"}}",
                "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\", \"x\": 1}}",
                "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\", \"port\": 2}}",
                "{\"remote_console\": \"serial\"}",
                "{\"console\": {}}",
                "{bad"};
        for (String body : bodies) {
            Reply reply = post(path, body, "OpenStack-API-Version", "compute 2.6");
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.fault("badRequest")).as(body).isNotBlank();
        }
        assertThat(post(path, bodies[0], "OpenStack-API-Version", "compute 2.6").fault("badRequest"))
                .contains("novnc").contains("serial");
        assertThat(post(path, bodies[2], "OpenStack-API-Version", "compute 2.6").fault("badRequest"))
                .isEqualTo("Unavailable console type novnc.");
        Reply secondPort = post(path, "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\", \"port\": 1}}",
                "OpenStack-API-Version", "compute 2.6");
        assertThat(secondPort.status()).isEqualTo(200);
    }

    @Test
    void anOversizedBodyIs413() {
        String big = "{\"server\": {\"name\": \"" + "x".repeat(200_000) + "\"}}";
        Reply reply = api.post("/v2.1/servers", KEY, big);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.fault("overLimit")).contains("too large");
    }

    @Test
    void aDriverWithoutSerialConsolesIs501() {
        COMPUTE.failWith(501);
        try {
            Reply reply = api.post("/v3/servers/" + serverId + "/get-serial-console", KEY, null);
            assertThat(reply.status()).isEqualTo(501);
            assertThat(reply.fault("notImplemented")).isNotBlank();
        } finally {
            COMPUTE.failWith(0);
        }
    }
}
