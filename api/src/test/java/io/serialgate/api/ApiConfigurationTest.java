package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.serialgate.common.config.ServiceConfigurationFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiConfigurationTest {

    @TempDir
    Path dir;

    private final ServiceConfigurationFactory<ApiConfiguration> factory = new ServiceConfigurationFactory<>(
            ApiConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
    private final SubstitutingSourceProvider files = new SubstitutingSourceProvider(
            new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false));

    @Test
    void theSampleConfigLoads() throws Exception {
        ApiConfiguration config = factory.build(files, "config/api.yml");
        assertThat(config.serialConsole().enabled()).isTrue();
        assertThat(config.internal().computeUrl().toString()).isEqualTo("http://127.0.0.1:8782");
        assertThat(config.api().bootstrapAdminKey()).isNull();
        assertThat(config.api().bootstrapAdminKeyFile()).isEqualTo("./serialgate-admin-key");
        assertThat(config.api().computeHostTimeoutSeconds()).isEqualTo(15);
        assertThat(config.api().powerStateSyncSeconds()).isEqualTo(60);
    }

    @Test
    void badValuesAreOneLineEachNamingTheOption() throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/api-test.yml"))
                .replace("compute_url: \"http://127.0.0.1:1\"", "compute_url: \"not a url\"")
                + "api:\n  bootstrap_admin_key: \"short-secret\"\n  compute_host_timeout_seconds: 0\n"
                + "  power_state_sync_seconds: -1\n";
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> factory.build(files, file.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("internal.compute_url: must be an absolute http(s) URL, got 'not a url'")
                .hasMessageContaining("api.bootstrap_admin_key: must be at least 16 characters, got 12")
                .hasMessageContaining("api.compute_host_timeout_seconds: must lie in 1-3600, got 0")
                .hasMessageContaining("api.power_state_sync_seconds: must be 0 (off) or lie in 1-86400, got -1")
                .message().doesNotContain("short-secret");
    }

    @Test
    void unknownKeysAreRefused() throws Exception {
        Path file = dir.resolve("unknown.yml");
        Files.writeString(file, Files.readString(Path.of("src/test/resources/api-test.yml"))
                + "api:\n  bootstrap_admin_kee: \"x\"\n");
        assertThatThrownBy(() -> factory.build(files, file.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bootstrap_admin_kee");
    }
}
