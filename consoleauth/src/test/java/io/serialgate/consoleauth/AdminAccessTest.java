package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.testing.TestPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin context shares the service's port (the api's and the proxy's are public): probes and
 * metrics are open, tasks, thread dumps, profiles and the menu need the service credential. The
 * guard lives in common and so holds for every service; consoleauth is the one started here.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdminAccessTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-02-01T00:00:00Z"));
    static final DropwizardAppExtension<ConsoleauthConfiguration> APP =
            ConsoleauthTestApp.extension(CLOCK, TestPostgres.freshDatabaseUrl());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ConsoleauthTestApp.adminUri(APP).resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAndMetricsAreOpen() throws Exception {
        assertThat(send("GET", "ping", null).body()).contains("pong");
        assertThat(send("GET", "healthcheck", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "metrics", null).statusCode()).isEqualTo(200);
        assertThat(send("HEAD", "ping", null).statusCode()).isEqualTo(200);
    }

    @Test
    void tasksThreadsProfilesAndTheMenuNeedTheServiceCredential() throws Exception {
        String[][] guarded = {{"POST", "tasks/log-level?logger=ROOT&level=TRACE"}, {"POST", "tasks/gc"},
            {"POST", "tasks/purge-expired-tokens"}, {"GET", "threads"}, {"GET", "pprof"}, {"GET", ""},
            {"POST", "healthcheck"}, {"GET", "tasks/../threads"}, {"GET", "Ping"}};
        for (String[] request : guarded) {
            for (String authorization : new String[] {null, "Bearer wrong-secret", "Basic " + ConsoleauthTestApp.SECRET,
                "Bearer "}) {
                HttpResponse<String> refused = send(request[0], request[1], authorization);
                assertThat(refused.statusCode()).as("%s /admin/%s with %s", request[0], request[1], authorization)
                        .isEqualTo(401);
                assertThat(refused.body()).contains("\"reason\":\"unauthorized\"").contains("service credential");
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"serialgate-admin\"");
            }
        }
        assertThat(send("GET", "ping", null).body()).as("the refusals changed nothing").contains("pong");
    }

    @Test
    void theServiceCredentialOpensThem() throws Exception {
        String bearer = "Bearer " + ConsoleauthTestApp.SECRET;
        assertThat(send("POST", "tasks/gc", bearer).statusCode()).isEqualTo(200);
        assertThat(send("POST", "tasks/purge-expired-tokens", bearer).body()).startsWith("deleted=");
        assertThat(send("GET", "threads", bearer).body()).contains("main");
    }
}
