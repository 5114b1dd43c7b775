package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduled power-state sync: with {@code api.power_state_sync_seconds: 1}, a listing catches up by itself. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PowerStateSyncScheduleTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url(),
            ConfigOverride.config("api.power_state_sync_seconds", "1"));

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    @Test
    void aGuestStoppedBehindTheApisBackShowsAsShutoffWithinSeconds() throws Exception {
        ApiCalls api = new ApiCalls(APP.getLocalPort());
        String key = TestApi.memberKey(DB, "project-sync");
        String id = api.post("/v2.1/servers", key, "{\"server\": {\"name\": \"synced\"}}").json().at("/server/id").asText();
        COMPUTE.setState(id, StandInCompute.SHUTOFF);

        long deadline = System.nanoTime() + 10_000_000_000L;
        String status;
        do {
            Thread.sleep(200);
            status = api.get("/v2.1/servers/detail", key).json().at("/servers/0/status").asText();
        } while (!"SHUTOFF".equals(status) && System.nanoTime() < deadline);
        assertThat(status).as("status of a guest stopped behind the api's back, 10 s later").isEqualTo("SHUTOFF");
    }
}
