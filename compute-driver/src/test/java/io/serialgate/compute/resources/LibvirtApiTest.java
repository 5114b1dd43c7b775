package io.serialgate.compute.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.contract.SpawnRequest;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.testing.TestPostgres;
import io.serialgate.compute.ComputeApplication;
import io.serialgate.compute.ComputeConfiguration;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** compute-driver configured with {@code driver: libvirt} on libvirt's test driver, through its REST API. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LibvirtApiTest {

    static final DropwizardAppExtension<ComputeConfiguration> APP = new DropwizardAppExtension<>(
            ComputeApplication.class, ResourceHelpers.resourceFilePath("compute-test.yml"),
            ConfigOverride.config("database.url", TestPostgres::freshDatabaseUrl),
            ConfigOverride.config("serial_console.port_range", "24300:24399"),
            ConfigOverride.config("compute.driver", "libvirt"),
            ConfigOverride.config("compute.libvirt.uri", "test:///default"),
            ConfigOverride.config("compute.libvirt.domain_type", "test"),
            ConfigOverride.config("compute.libvirt.console_log_dir", LibvirtApiTest::tempDir));

    private static String tempDir() {
        try {
            return Files.createTempDirectory("serialgate-console-logs").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void serversAreDomainsAndConsolesComeFromTheirXml() {
        ComputeClient compute = new ComputeClient(URI.create("http://127.0.0.1:" + APP.getLocalPort()),
                ComputeApiTest.SECRET, Duration.ofSeconds(10));
        assertEquals("libvirt", compute.host().driver());
        String id = UUID.randomUUID().toString();
        ComputeInstance server = compute.spawn(new SpawnRequest(id, "guest", Map.of("hw_serial_port_count", "2")));
        assertEquals(new ComputeInstance(id, "guest", "test-host", "libvirt", 2, "running"), server);
        SerialConsoleEndpoint ttyS1 = compute.serialConsole(id, 1);
        assertEquals("127.0.0.1", ttyS1.host());
        assertEquals(1, ttyS1.portIndex());
        assertThrows(NotFoundException.class, () -> compute.serialConsole(id, 2));
        compute.destroy(id);
        assertThrows(NotFoundException.class, () -> compute.show(id));
    }

    @Test
    void adminCanReconcileAndHealthIncludesTheDriver() throws Exception {
        InternalHttp admin = new InternalHttp(APP.getAdminPort(), ComputeApiTest.SECRET);
        InternalHttp.Answer reconcile = admin.sendText("POST", "/admin/tasks/reconcile-ports");
        assertEquals(200, reconcile.status());
        assertTrue(reconcile.raw().body().startsWith("domains="), reconcile.raw().body());
        InternalHttp.Answer health = admin.get("/admin/healthcheck");
        assertEquals(200, health.status());
        assertTrue(health.body().path("compute-driver").path("healthy").asBoolean(), health.raw().body());
    }
}
