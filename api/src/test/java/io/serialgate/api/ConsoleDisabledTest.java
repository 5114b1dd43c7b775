package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** serial_console.enabled: false — every console shape answers Nova's 400, and no token is made. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleDisabledTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url(),
            ConfigOverride.config("serial_console.enabled", "false"));

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    @Test
    void disabledSerialConsoleIs400() {
        ApiCalls api = new ApiCalls(APP.getLocalPort());
        Reply created = api.post("/v2.1/servers", TestApi.ADMIN_KEY, "{\"server\": {\"name\": \"s\"}}");
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().at("/server/id").asText();
        for (Reply reply : new Reply[] {
                api.post("/v2/admin/servers/" + id + "/get-serial-console", TestApi.ADMIN_KEY, null),
                api.post("/v3/servers/" + id + "/get-serial-console", TestApi.ADMIN_KEY, "{\"type\": \"serial\"}"),
                api.post("/v2.1/servers/" + id + "/action", TestApi.ADMIN_KEY, "{\"os-getSerialConsole\": {\"type\": \"serial\"}}")}) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.fault("badRequest")).isEqualTo("Unavailable console type serial.");
        }
        assertThat(CONSOLEAUTH.authorized).isEmpty();
    }
}
