package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.serialgate.common.config.InvalidOptionsException;
import io.serialgate.common.config.ServiceConfigurationFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleauthConfigurationTest {

    private static final String BASE = """
            serial_console: {enabled: true}
            service_auth: {secret: "0123456789abcdef0123456789abcdef0123"}
            database: {driverClass: org.postgresql.Driver, url: "jdbc:postgresql://127.0.0.1/x"}
            """;

    private static ServiceConfigurationFactory<ConsoleauthConfiguration> factory() {
        return new ServiceConfigurationFactory<>(ConsoleauthConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw");
    }

    private static ConsoleauthConfiguration parse(String yaml) throws Exception {
        ConfigurationSourceProvider provider = path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
        return factory().build(provider, "consoleauth.yml");
    }

    @Test
    void sampleConfigIsValid() throws Exception {
        ConsoleauthConfiguration config = factory().build(new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                "config/consoleauth.yml");

        assertThat(config.problems()).isEmpty();
        assertThat(config.consoleauth().tokenTtl()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.database().getUrl()).startsWith("jdbc:postgresql:");
    }

    @Test
    void defaultsApplyWhenTheSectionIsLeftOut() throws Exception {
        ConsoleauthOptions options = parse(BASE).consoleauth();

        assertThat(options.tokenTtl()).isEqualTo(Duration.ofSeconds(600));
        assertThat(options.purgeInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.purgeBatchSize()).isEqualTo(1000);
        assertThat(options.expiredTokenRetention()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void tokenTtlCanBeSet() throws Exception {
        assertThat(parse(BASE + "consoleauth: {token_ttl: 30}").consoleauth().tokenTtl())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "token_ttl: 9                    | consoleauth.token_ttl: must be between 10 and 86400, got 9",
        "token_ttl: 86401                | consoleauth.token_ttl: must be between 10 and 86400, got 86401",
        "purge_interval: 0               | consoleauth.purge_interval: must be between 1 and 3600, got 0",
        "purge_batch_size: 0             | consoleauth.purge_batch_size: must be between 1 and 100000, got 0",
        "expired_token_retention: -1     | consoleauth.expired_token_retention: must be between 0 and 604800, got -1",
    })
    void outOfBoundsValuesStopTheStartWithOneLine(String option, String line) {
        assertThatThrownBy(() -> parse(BASE + "consoleauth: {" + option + "}"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining(line);
    }

    @Test
    void missingDatabaseSectionIsAProblem() {
        String withoutDatabase = BASE.lines().filter(l -> !l.startsWith("database")).reduce("", (a, b) -> a + b + "\n");

        assertThatThrownBy(() -> parse(withoutDatabase))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("database: must be a section");
    }

    @Test
    void theEndpointRecheckIsOffWithoutAnInternalSection() throws Exception {
        assertThat(parse(BASE).internal()).isEmpty();
        assertThat(parse(BASE + "internal: {compute_url: \"http://10.0.0.5:8782\"}").internal().orElseThrow()
                .computeUrl()).hasToString("http://10.0.0.5:8782");
    }

    @Test
    void aBadComputeUrlStopsTheStartWithOneLine() {
        assertThatThrownBy(() -> parse(BASE + "internal: {compute_url: \"compute:8782\"}"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("internal.compute_url: must be an absolute http(s) URL, got 'compute:8782'");
    }

    @Test
    void unknownOptionIsRefused() {
        assertThatThrownBy(() -> parse(BASE + "consoleauth: {token_tll: 600}"))
                .hasMessageContaining("token_tll");
    }
}
