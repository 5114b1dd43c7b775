package io.serialgate.compute.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.contract.ComputeHostHeartbeat;
import io.serialgate.common.testing.TestPostgres;
import io.serialgate.compute.ComputeApplication;
import io.serialgate.compute.ComputeConfiguration;
import io.serialgate.compute.testing.StandInApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The running service sends its heartbeat to internal.api_url, advertising its real port. */
@ExtendWith(DropwizardExtensionsSupport.class)
class HeartbeatApiTest {

    static final StandInApi API = startApi();

    static final DropwizardAppExtension<ComputeConfiguration> APP = new DropwizardAppExtension<>(
            ComputeApplication.class, ResourceHelpers.resourceFilePath("compute-test.yml"),
            ConfigOverride.config("database.url", TestPostgres::freshDatabaseUrl),
            ConfigOverride.config("serial_console.port_range", "24300:24309"),
            ConfigOverride.config("internal.api_url", () -> API.url().toString()));

    private static StandInApi startApi() {
        try {
            return new StandInApi();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopApi() {
        API.close();
    }

    @Test
    void heartbeatAdvertisesTheListeningPort() throws Exception {
        StandInApi.Received received = API.next(10);
        assertNotNull(received, "no heartbeat within 10 s");
        assertEquals("Bearer " + ComputeApiTest.SECRET, received.authorization());
        assertEquals(new ComputeHostHeartbeat("test-host", "http://127.0.0.1:" + APP.getLocalPort(), "fake",
                "24300:24309", 10, 4), received.heartbeat());
    }
}
