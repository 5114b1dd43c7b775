package io.serialgate.compute.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.contract.SpawnRequest;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.testing.TestPostgres;
import io.serialgate.compute.ComputeApplication;
import io.serialgate.compute.ComputeConfiguration;
import io.serialgate.compute.core.fake.SerialConsoleClient;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Fake servers are rows in PostgreSQL: a restarted compute-driver listens on their ports again. */
class ComputeRestartTest {

    @Test
    void serversAndTheirPortsSurviveARestart() throws Exception {
        String databaseUrl = TestPostgres.freshDatabaseUrl();
        String id = UUID.randomUUID().toString();
        String stopped = UUID.randomUUID().toString();
        SerialConsoleEndpoint before;
        SerialConsoleEndpoint sleeperPort;

        DropwizardTestSupport<ComputeConfiguration> first = start(databaseUrl);
        try {
            ComputeClient compute = client(first);
            compute.spawn(new SpawnRequest(id, "survivor", Map.of()));
            before = compute.serialConsole(id, 0);
            compute.spawn(new SpawnRequest(stopped, "sleeper", Map.of()));
            sleeperPort = compute.serialConsole(stopped, 0);
            assertEquals(200, new InternalHttp(first.getLocalPort(), ComputeApiTest.SECRET)
                    .postJson("/v1/servers/" + stopped + "/action", "{\"stop\": {}}").status());
        } finally {
            first.after();
        }

        DropwizardTestSupport<ComputeConfiguration> second = start(databaseUrl);
        try {
            ComputeClient compute = client(second);
            assertEquals("running", compute.show(id).state());
            SerialConsoleEndpoint after = compute.serialConsole(id, 0);
            assertEquals(before, after);
            try (SerialConsoleClient console = new SerialConsoleClient(after.host(), after.port())) {
                console.readUntil("survivor login-free:~# ");
                console.type("echo back\r\n");
                assertTrue(console.readUntil("survivor login-free:~# ").contains("\r\nback\r\n"));
            }
            compute.destroy(id);
            // A stopped server stays stopped across the restart, and keeps its port.
            assertEquals("shutoff", compute.show(stopped).state());
            assertEquals("server_not_running", assertThrows(ConflictException.class,
                    () -> compute.serialConsole(stopped, 0)).reason());
            assertThrows(ConnectException.class, () -> new SerialConsoleClient(sleeperPort.host(), sleeperPort.port()));
            assertEquals("running", compute.act(stopped, "start").state());
            assertEquals(sleeperPort, compute.serialConsole(stopped, 0));
            compute.destroy(stopped);
        } finally {
            second.after();
        }
    }

    private static DropwizardTestSupport<ComputeConfiguration> start(String databaseUrl) throws Exception {
        DropwizardTestSupport<ComputeConfiguration> app = new DropwizardTestSupport<>(ComputeApplication.class,
                ResourceHelpers.resourceFilePath("compute-test.yml"),
                ConfigOverride.config("database.url", databaseUrl),
                ConfigOverride.config("serial_console.port_range", "24200:24299"));
        app.before();
        return app;
    }

    private static ComputeClient client(DropwizardTestSupport<ComputeConfiguration> app) {
        return new ComputeClient(URI.create("http://127.0.0.1:" + app.getLocalPort()), ComputeApiTest.SECRET,
                Duration.ofSeconds(10));
    }
}
