package io.serialgate.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAuthOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aMissingSecretIsRefused() {
        assertThatThrownBy(() -> ConfigLoading.load(dir, "s.yml", "serial_console: {}\n"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("service_auth.secret: must be set");
    }

    @Test
    void aShortSecretIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> ConfigLoading.load(dir, "s.yml", "service_auth:\n  secret: hunter2hunter2\n"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("service_auth.secret: must be at least 32 characters, got 14")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void theSecretNeverShowsInToString() throws Exception {
        TestServiceConfiguration c = ConfigLoading.load(dir, "s.yml", "service_auth:\n  secret: " + ConfigLoading.SECRET + "\n");
        assertThat(c.serviceAuth().toString()).doesNotContain(ConfigLoading.SECRET);
        assertThat(c.serviceAuth().secret()).isEqualTo(ConfigLoading.SECRET);
    }
}
