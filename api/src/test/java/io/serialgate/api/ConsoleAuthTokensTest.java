package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nova's admin token introspection, {@code GET /v2.1/os-console-auth-tokens/{token}}, against a
 * stand-in consoleauth; and the request log, which must never hold the token from that path.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleAuthTokensTest {

    private static final Path REQUEST_LOG = Path.of("target", "api-test-requests.log");
    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = startConsoleauth();
    private static final DropwizardAppExtension<ApiConfiguration> APP = new DropwizardAppExtension<>(
            ApiApplication.class, ResourceHelpers.resourceFilePath("api-requestlog-test.yml"), overrides());
    private static final String ADMIN = TestApi.ADMIN_KEY;

    private static ApiCalls api;
    private static String member;
    private static String id;

    private static StandInConsoleauth startConsoleauth() {
        try {
            Files.deleteIfExists(REQUEST_LOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StandInConsoleauth(TestApi.SECRET);
    }

    private static ConfigOverride[] overrides() {
        List<ConfigOverride> all = new ArrayList<>(List.of(TestApi.overrides(DB, COMPUTE.url(), CONSOLEAUTH.url())));
        all.add(ConfigOverride.config("api.bootstrap_admin_key", ADMIN));
        all.add(ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", REQUEST_LOG.toString()));
        return all.toArray(ConfigOverride[]::new);
    }

    @BeforeAll
    static void server() {
        api = new ApiCalls(APP.getLocalPort());
        member = TestApi.memberKey(DB, "project-a");
        id = api.post("/v2.1/servers", member, "{\"server\": {\"name\": \"tok-1\"}}").json().at("/server/id").asText();
    }

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    /** A fresh console token for port 0 of the test server, handed out to its member as a URL. */
    private static String token() {
        Reply reply = api.post("/v2.1/servers/" + id + "/action", member, "{\"os-getSerialConsole\": {\"type\": \"serial\"}}");
        String url = reply.json().at("/console/url").asText();
        return url.substring(url.indexOf("token=") + "token=".length());
    }

    @Test
    void anAdminSeesWhatAValidTokenGrants() {
        String token = token();
        Reply reply = api.get("/v2.1/os-console-auth-tokens/" + token, ADMIN);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode console = reply.json().get("console");
        assertThat(console.get("instance_uuid").asText()).isEqualTo(id);
        assertThat(console.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(console.get("port").asInt()).isEqualTo(StandInCompute.FIRST_PORT);
        assertThat(console.has("internal_access_path")).isTrue();
        assertThat(console.get("internal_access_path").isNull()).isTrue();
        assertThat(console.size()).isEqualTo(4);
        // With the project in the URL, and at the highest microversion served, too.
        assertThat(api.get("/v2.1/admin/os-console-auth-tokens/" + token, ADMIN).status()).isEqualTo(200);
        Reply latest = api.send(api.builder("/v2.1/os-console-auth-tokens/" + token, ADMIN)
                .header("OpenStack-API-Version", "compute latest").GET());
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.raw().headers().firstValue("OpenStack-API-Version")).hasValue("compute 2.6");
    }

    @Test
    void discoveryStillAdvertises26AndLaterVersionsAre406() {
        assertThat(api.get("/v2.1", null).json().at("/version/version").asText()).isEqualTo("2.6");
        Reply v231 = api.send(api.builder("/v2.1/os-console-auth-tokens/" + token(), ADMIN)
                .header("OpenStack-API-Version", "compute 2.31").GET());
        assertThat(v231.status()).isEqualTo(406);
    }

    @Test
    void membersAre403() {
        Reply reply = api.get("/v2.1/os-console-auth-tokens/" + token(), member);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.fault("forbidden")).contains("os-console-auth-tokens");
        assertThat(api.get("/v2.1/os-console-auth-tokens/" + token(), null).status()).isEqualTo(401);
    }

    @Test
    void unknownAndExpiredTokensAre404WithoutEchoingThem() {
        Reply unknown = api.get("/v2.1/os-console-auth-tokens/no-such-token", ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.fault("itemNotFound")).isEqualTo("Token not found");
        String token = token();
        CONSOLEAUTH.expire(token);
        Reply expired = api.get("/v2.1/os-console-auth-tokens/" + token, ADMIN);
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.text()).doesNotContain(token);
        assertThat(api.get("/v2.1/os-console-auth-tokens/", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void consoleauthDownIs503() {
        String token = token();
        CONSOLEAUTH.failWith(503);
        try {
            assertThat(api.get("/v2.1/os-console-auth-tokens/" + token, ADMIN).status()).isEqualTo(503);
        } finally {
            CONSOLEAUTH.failWith(0);
        }
    }

    @Test
    void theRequestLogNeverHoldsATokenFromThePath() throws Exception {
        String marker = "tokmarker" + System.nanoTime();
        String valid = token();
        api.get("/v2.1/os-console-auth-tokens/" + marker, ADMIN);
        api.get("/v2.1/os-console-auth-tokens/" + marker + "?x=" + marker, ADMIN);
        api.get("/v2.1/os-console-auth-tokens/" + marker + "/more", ADMIN);
        api.get("/v2.1/OS-CONSOLE-AUTH-TOKENS/" + marker, ADMIN);
        api.get("/v2.1/os-console-auth%2Dtokens/" + marker, ADMIN);
        api.get("/v2.1/project-a/os-console-auth-tokens/" + marker, ADMIN);
        api.get("/v2.1/os-console-auth-tokens/" + valid, ADMIN);
        api.get("/v2.1/os-console-auth-tokens/" + valid, member);
        api.get("/v2.1/servers?name=after-the-tokens", ADMIN); // the last line, to wait for

        String log = awaitLog("GET /v2.1/servers?name=after-the-tokens ");
        assertThat(log).contains("GET /v2.1/os-console-auth-tokens/*** ");
        assertThat(log).doesNotContain(marker).doesNotContain(valid + " ").doesNotContain(valid + "\"")
                .doesNotContain("tokens/" + valid);
    }

    /** The request log is written asynchronously: waits until it holds {@code expected}. */
    private static String awaitLog(String expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String log = "";
        while (System.nanoTime() < deadline) {
            log = Files.exists(REQUEST_LOG) ? Files.readString(REQUEST_LOG) : "";
            if (log.contains(expected)) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(log).contains(expected);
        return log;
    }
}
