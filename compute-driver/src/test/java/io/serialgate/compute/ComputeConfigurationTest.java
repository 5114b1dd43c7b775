package io.serialgate.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.serialgate.common.config.InvalidOptionsException;
import io.serialgate.common.config.ServiceConfigurationFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

class ComputeConfigurationTest {

    private static ComputeConfiguration load(ConfigurationSourceProvider provider, String path) throws Exception {
        return new ServiceConfigurationFactory<>(ComputeConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw").build(provider, path);
    }

    private static ComputeConfiguration loadText(String yaml) throws Exception {
        return load(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline.yml");
    }

    private static final String BASE = """
            service_auth: {secret: "0123456789abcdef0123456789abcdef"}
            database: {driverClass: org.postgresql.Driver, url: "jdbc:postgresql://127.0.0.1/x"}
            """;

    @Test
    void defaults() throws Exception {
        ComputeConfiguration configuration = loadText(BASE);
        assertEquals("fake", configuration.compute().driver());
        assertEquals(4, configuration.compute().maxSerialPorts());
        assertFalse(configuration.compute().host().isBlank());
    }

    @Test
    void testConfigurationLoads() throws Exception {
        ComputeConfiguration configuration = load(new ResourceConfigurationSourceProvider(), "compute-test.yml");
        assertEquals("test-host", configuration.compute().host());
    }

    @Test
    void sampleConfigurationLoads() throws Exception {
        StringSubstitutor environment = new StringSubstitutor(Map.of("SERIALGATE_SERVICE_SECRET", "a".repeat(64)));
        ComputeConfiguration configuration = load(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), environment),
                "config/compute-driver.yml");
        assertEquals("fake", configuration.compute().driver());
        assertEquals("10000:20000", configuration.serialConsole().portRangeText());
    }

    @Test
    void badComputeValuesStopTheServiceNamingTheOption() {
        InvalidOptionsException driver = assertThrows(InvalidOptionsException.class,
                () -> loadText(BASE + "compute: {driver: vmware}\n"));
        assertTrue(driver.getMessage().contains("compute.driver: must be one of fake, libvirt, external, got 'vmware'"), driver.getMessage());
        InvalidOptionsException max = assertThrows(InvalidOptionsException.class,
                () -> loadText(BASE + "compute: {max_serial_ports: 0}\n"));
        assertTrue(max.getMessage().contains("compute.max_serial_ports"), max.getMessage());
        InvalidOptionsException host = assertThrows(InvalidOptionsException.class,
                () -> loadText(BASE + "compute: {host: \" \"}\n"));
        assertTrue(host.getMessage().contains("compute.host"), host.getMessage());
    }

    @Test
    void heartbeatIsOffWithoutTheInternalSectionAndOptionsAreChecked() throws Exception {
        ComputeConfiguration plain = loadText(BASE);
        assertEquals(null, plain.internal());
        assertEquals(5, plain.compute().heartbeatSeconds());
        assertEquals(null, plain.compute().advertiseUrl());
        ComputeConfiguration configured = loadText(BASE + """
                internal: {api_url: "http://api.example:8774"}
                compute: {advertise_url: "http://compute-1.example:8782", heartbeat_seconds: 0}
                """);
        assertEquals("http://api.example:8774", configured.internal().apiUrl().toString());
        assertEquals("http://compute-1.example:8782", configured.compute().advertiseUrl());
        assertEquals(0, configured.compute().heartbeatSeconds());
        InvalidOptionsException url = assertThrows(InvalidOptionsException.class,
                () -> loadText(BASE + "compute: {advertise_url: \"compute-1:8782\"}\n"));
        assertTrue(url.getMessage().contains("compute.advertise_url: must be an absolute http(s) URL, got 'compute-1:8782'"),
                url.getMessage());
        InvalidOptionsException seconds = assertThrows(InvalidOptionsException.class,
                () -> loadText(BASE + "compute: {heartbeat_seconds: -1}\n"));
        assertTrue(seconds.getMessage().contains("compute.heartbeat_seconds"), seconds.getMessage());
        InvalidOptionsException api = assertThrows(InvalidOptionsException.class,
                () -> loadText(BASE + "internal: {api_url: \"nowhere\"}\n"));
        assertTrue(api.getMessage().contains("internal.api_url"), api.getMessage());
    }

    @Test
    void unknownKeysAreRefused() {
        assertThrows(ConfigurationException.class, () -> loadText(BASE + "compute: {drivr: fake}\n"));
    }
}
