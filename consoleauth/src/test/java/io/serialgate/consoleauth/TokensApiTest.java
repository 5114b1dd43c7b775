package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.auth.Secrets;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.AuthorizedToken;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.UnauthorizedException;
import io.serialgate.common.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** consoleauth's token endpoints through real HTTP on a real PostgreSQL. */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokensApiTest {

    private static final String DB_URL = TestPostgres.freshDatabaseUrl();
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    static final DropwizardAppExtension<ConsoleauthConfiguration> APP = ConsoleauthTestApp.extension(CLOCK, DB_URL);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConsoleauthClient client = ConsoleauthTestApp.client(APP);

    static AuthorizeTokenRequest request(int portIndex) {
        return new AuthorizeTokenRequest("tenant-a", UUID.randomUUID().toString(), portIndex,
                "127.0.0.1", 10001, "http://127.0.0.1:6083/serial.html");
    }

    @Test
    void issuedTokenValidatesToItsBinding() {
        AuthorizeTokenRequest request = request(1);
        AuthorizedToken issued = client.authorize(request);

        assertThat(issued.expiresAt()).isEqualTo(CLOCK.instant().plusSeconds(600));
        TokenBinding binding = client.validate(issued.token());
        assertThat(binding).isEqualTo(new TokenBinding("tenant-a", request.instanceUuid(), 1,
                "127.0.0.1", 10001, issued.expiresAt()));
    }

    @Test
    void tokenCarriesAtLeast128RandomBitsAndIsUrlSafe() {
        AuthorizedToken first = client.authorize(request(0));
        AuthorizedToken second = client.authorize(request(0));

        assertThat(first.token()).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(first.token())).hasSizeGreaterThanOrEqualTo(16);
        assertThat(first.token()).isNotEqualTo(second.token());
    }

    @Test
    void onlyTheTokensSha256IsStored() throws Exception {
        AuthorizeTokenRequest request = request(2);
        AuthorizedToken issued = client.authorize(request);

        List<String> hashes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(DB_URL); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM consoleauth.tokens WHERE instance_uuid = '"
                     + request.instanceUuid() + "'")) {
            while (rows.next()) {
                hashes.add(rows.getString("token_hash"));
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    assertThat(String.valueOf(rows.getString(column))).doesNotContain(issued.token());
                }
            }
        }
        assertThat(hashes).containsExactly(Secrets.sha256Hex(issued.token()));
    }

    @Test
    void tokenExpiresAfterItsTtl() {
        AuthorizedToken issued = client.authorize(request(0));

        CLOCK.advance(Duration.ofSeconds(599));
        assertThat(client.validate(issued.token()).instanceUuid()).isNotNull();

        CLOCK.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.validate(issued.token()))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.reason()).isEqualTo("token_expired"));
    }

    @Test
    void unknownTokenIsRefused() {
        assertThatThrownBy(() -> client.validate(Secrets.randomToken(32)))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.reason()).isEqualTo("token_unknown"));
    }

    @Test
    void purgeDeletesTokensExpiredLongerThanTheRetention() throws Exception {
        AuthorizedToken old1 = client.authorize(request(0));
        AuthorizedToken old2 = client.authorize(request(0));
        AuthorizedToken old3 = client.authorize(request(0));
        CLOCK.advance(Duration.ofSeconds(600 + 61));
        AuthorizedToken fresh = client.authorize(request(0));

        // batch size 2 in the test config: three expired tokens take two batches in one run
        HttpResponse<String> task = HTTP.send(HttpRequest.newBuilder(
                ConsoleauthTestApp.adminUri(APP).resolve("tasks/purge-expired-tokens"))
                .header("Authorization", "Bearer " + ConsoleauthTestApp.SECRET)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(task.statusCode()).isEqualTo(200);
        assertThat(task.body()).startsWith("deleted=");
        assertThat(Integer.parseInt(task.body().trim().substring("deleted=".length()))).isGreaterThanOrEqualTo(3);

        for (AuthorizedToken gone : List.of(old1, old2, old3)) {
            assertThatThrownBy(() -> client.validate(gone.token()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.reason()).isEqualTo("token_unknown"));
        }
        assertThat(client.validate(fresh.token())).isNotNull();
    }

    @Test
    void requestsWithoutTheServiceCredentialGet401() throws Exception {
        String body = JSON.writeValueAsString(request(0));
        for (String header : new String[] {null, "Bearer wrong-secret-wrong-secret-wrong-secret-00", "Basic abc",
                "Bearer " + ConsoleauthTestApp.SECRET + "x"}) {
            HttpResponse<String> response = post("v1/tokens", body, header);
            assertThat(response.statusCode()).as("Authorization: %s", header).isEqualTo(401);
            assertThat(reason(response)).isEqualTo("unauthorized");
        }
        assertThat(post("v1/tokens/validate", "{\"token\":\"x\"}", null).statusCode()).isEqualTo(401);

        ConsoleauthClient stranger = new ConsoleauthClient(ConsoleauthTestApp.baseUri(APP),
                "another-secret-another-secret-another-secret", Duration.ofSeconds(5));
        assertThatThrownBy(() -> stranger.authorize(request(0))).isInstanceOf(UnauthorizedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing tenant_id       | {\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | tenant_id: is required",
        "blank tenant_id         | {\"tenant_id\":\" \",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | tenant_id: is required",
        "tenant_id not a string  | {\"tenant_id\":{},\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | tenant_id: must be a string",
        "missing instance_uuid   | {\"tenant_id\":\"t\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | instance_uuid: is required",
        "instance_uuid not uuid  | {\"tenant_id\":\"t\",\"instance_uuid\":\"vm-1\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | instance_uuid: must be a UUID",
        "missing port_index      | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | port_index: is required",
        "negative port_index     | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":-1,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | port_index: must be between 0 and 255, got -1",
        "port_index too large    | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":256,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | port_index: must be between 0 and 255, got 256",
        "port_index not a number | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":\"zero\",\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | port_index: is required and must be an integer",
        "missing host            | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"port\":1,\"access_url_base\":\"http://p/s.html\"} | host: is required",
        "empty host              | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | host: is required",
        "host with a space       | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"a b\",\"port\":1,\"access_url_base\":\"http://p/s.html\"} | host: must not contain spaces",
        "missing port            | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"access_url_base\":\"http://p/s.html\"} | port: is required",
        "port 0                  | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":0,\"access_url_base\":\"http://p/s.html\"} | port: must be between 1 and 65535, got 0",
        "port 65536              | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":65536,\"access_url_base\":\"http://p/s.html\"} | port: must be between 1 and 65535, got 65536",
        "port null               | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":null,\"access_url_base\":\"http://p/s.html\"} | port: is required",
        "missing access_url_base | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1} | access_url_base: is required",
        "relative access_url_base| {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"/serial.html\"} | access_url_base: must be an absolute http(s) or ws(s) URL",
        "ftp access_url_base     | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"ftp://p/s\"} | access_url_base: must be an absolute http(s) or ws(s) URL",
        "access_url_base query   | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html?token=x\"} | access_url_base: must have no query",
        "relative compute_url    | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\",\"compute_url\":\"compute:8782\"} | compute_url: must be an absolute http(s) URL",
        "ws compute_url          | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\",\"compute_url\":\"ws://c:8782/\"} | compute_url: must be an absolute http(s) URL",
        "compute_url user info   | {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\",\"compute_url\":\"http://u:p@c:8782/\"} | compute_url: must be an absolute http(s) URL without query, fragment or user info",
        "compute_url not a string| {\"tenant_id\":\"t\",\"instance_uuid\":\"%s\",\"port_index\":0,\"host\":\"h\",\"port\":1,\"access_url_base\":\"http://p/s.html\",\"compute_url\":[1]} | compute_url: must be a string",
        "malformed JSON          | {\"tenant_id\":\"t\",                                   | body: is not valid JSON",
        "not JSON at all         | tenant_id=t&port=1                                      | body: is not valid JSON",
        "JSON array              | []                                                      | body: a JSON object is required",
        "JSON null               | null                                                    | body: a JSON object is required",
    })
    void badAuthorizeRequestsGet400NamingTheField(String name, String template, String expected) throws Exception {
        HttpResponse<String> response = post("v1/tokens", template.replace("%s", UUID.randomUUID().toString()),
                "Bearer " + ConsoleauthTestApp.SECRET);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("reason").asText()).isEqualTo("invalid_input");
        assertThat(error.path("message").asText()).contains(expected);
    }

    @Test
    void emptyBodyGets400() throws Exception {
        for (String path : List.of("v1/tokens", "v1/tokens/validate")) {
            HttpResponse<String> response = post(path, "", "Bearer " + ConsoleauthTestApp.SECRET);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").path("message").asText())
                    .startsWith("body: ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing token    | {}                          | token: is required",
        "empty token      | {\"token\":\"\"}            | token: is required",
        "token not string | {\"token\":[1]}             | token: must be a string",
        "malformed JSON   | {\"token\":                 | body: is not valid JSON",
    })
    void badValidateRequestsGet400(String name, String body, String expected) throws Exception {
        HttpResponse<String> response = post("v1/tokens/validate", body, "Bearer " + ConsoleauthTestApp.SECRET);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("message").asText()).contains(expected);
    }

    @Test
    void overlongTokenGets400WithoutEchoingIt() throws Exception {
        String token = "A".repeat(600);
        HttpResponse<String> response = post("v1/tokens/validate", "{\"token\":\"" + token + "\"}",
                "Bearer " + ConsoleauthTestApp.SECRET);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("token: must be at most 512 characters").doesNotContain(token);
    }

    @Test
    void timesAreEpochSecondsWithANanosecondFraction() throws Exception {
        AuthorizeTokenRequest request = request(0);
        HttpResponse<String> response = post("v1/tokens", JSON.writeValueAsString(request),
                "Bearer " + ConsoleauthTestApp.SECRET);

        assertThat(response.statusCode()).isEqualTo(201);
        // Dropwizard's Jackson writes java.time.Instant as a number; the documented wire format.
        assertThat(response.body()).contains("\"expires_at\":"
                + CLOCK.instant().plusSeconds(600).getEpochSecond() + ".000000000");
    }

    @Test
    void unknownJsonFieldsAreIgnored() throws Exception {
        HttpResponse<String> response = post("v1/tokens/validate", "{\"token\":\"abc\",\"from_a_newer_caller\":1}",
                "Bearer " + ConsoleauthTestApp.SECRET);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(reason(response)).isEqualTo("token_unknown");
    }

    @Test
    void oversizedBodyGets413() throws Exception {
        HttpResponse<String> response = post("v1/tokens/validate", "{\"token\":\"" + "A".repeat(70_000) + "\"}",
                "Bearer " + ConsoleauthTestApp.SECRET);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(reason(response)).isEqualTo("request_too_large");
    }

    @Test
    void aConnectionStaysUsableAfterRefusals() throws Exception {
        // one client, one pooled connection: refusals that leave the body unread must not break it
        HttpClient single = HttpClient.newHttpClient();
        for (int i = 0; i < 200; i++) {
            String header = i % 2 == 0 ? null : "Bearer " + ConsoleauthTestApp.SECRET;
            String body = i % 3 == 0 ? "{\"token\": [" : "{\"token\":\"abc\"}";
            HttpRequest.Builder request = HttpRequest.newBuilder(ConsoleauthTestApp.baseUri(APP).resolve("v1/tokens/validate"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (header != null) {
                request.header("Authorization", header);
            }
            int status = single.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            assertThat(status).isIn(400, 401, 404);
        }
    }

    @Test
    void jerseyRefusalsAnswerTheErrorBodyToo() throws Exception {
        String bearer = "Bearer " + ConsoleauthTestApp.SECRET;
        HttpResponse<String> unknownPath = send(HttpRequest.newBuilder(ConsoleauthTestApp.baseUri(APP).resolve("v1/nothing"))
                .header("Authorization", bearer).GET());
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(reason(unknownPath)).isEqualTo("not_found");

        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(ConsoleauthTestApp.baseUri(APP).resolve("v1/tokens"))
                .header("Authorization", bearer).GET());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(reason(wrongMethod)).isEqualTo("method_not_allowed");

        HttpResponse<String> wrongType = send(HttpRequest.newBuilder(ConsoleauthTestApp.baseUri(APP).resolve("v1/tokens"))
                .header("Authorization", bearer).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(reason(wrongType)).isEqualTo("unsupported_media_type");
    }

    @Test
    void healthChecksCoverTheDatabaseAndThePurge() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(
                ConsoleauthTestApp.adminUri(APP).resolve("healthcheck")).GET());

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode checks = JSON.readTree(health.body());
        assertThat(checks.path("consoleauth-postgresql").path("healthy").asBoolean()).isTrue();
        assertThat(checks.path("token-purge").path("healthy").asBoolean()).isTrue();
    }

    private static HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ConsoleauthTestApp.baseUri(APP).resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String reason(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").path("reason").asText();
    }

}
