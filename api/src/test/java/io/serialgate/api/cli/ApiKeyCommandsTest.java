package io.serialgate.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import io.serialgate.api.ApiApplication;
import io.serialgate.api.ApiConfiguration;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create-api-key, list-api-keys and revoke-api-key against a real database. */
class ApiKeyCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void createListAndRevokeAKey() throws Exception {
        String db = TestPostgres.freshDatabaseUrl();
        Path config = dir.resolve("api.yml");
        Files.writeString(config, Files.readString(Path.of(TestApi.CONFIG)).replace("\"set by the test\"", "\"" + db + "\""));

        assertThat(run("create-api-key", "--project", "project-x", "--description", "ci", config.toString())).isEmpty();
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        JsonNode created = new ObjectMapper().readTree(printed.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(created.get("project_id").asText()).isEqualTo("project-x");
        assertThat(created.get("roles").toString()).isEqualTo("[\"member\"]");
        String key = created.get("key").asText();
        String id = created.get("id").asText();
        assertThat(TestApi.keys(db).authenticate(key)).isPresent();

        out.reset();
        assertThat(run("list-api-keys", config.toString())).isEmpty();
        String listing = out.toString(StandardCharsets.UTF_8);
        assertThat(listing).contains(id).contains("project-x").contains("active").doesNotContain(key);

        out.reset();
        assertThat(run("revoke-api-key", "--id", id, config.toString())).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("revoked " + id);
        assertThat(TestApi.keys(db).authenticate(key)).isEmpty();

        assertThat(run("revoke-api-key", "--id", id, config.toString())).isPresent();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no active API key has id " + id)
                .doesNotContain("\tat ");
        assertThat(run("revoke-api-key", "--id", "nope", config.toString())).isPresent();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must be a key id");
    }

    @Test
    void anAdminKeyGetsBothRoles() throws Exception {
        String db = TestPostgres.freshDatabaseUrl();
        Path config = dir.resolve("api.yml");
        Files.writeString(config, Files.readString(Path.of(TestApi.CONFIG)).replace("\"set by the test\"", "\"" + db + "\""));
        assertThat(run("create-api-key", "--project", "ops", "--role", "admin", config.toString())).isEmpty();
        String last = out.toString(StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElseThrow();
        JsonNode created = new ObjectMapper().readTree(last);
        assertThat(TestApi.keys(db).authenticate(created.get("key").asText()).orElseThrow().isAdmin()).isTrue();
    }

    private Optional<Throwable> run(String... args) throws Exception {
        PrintStream captured = new PrintStream(out, true, StandardCharsets.UTF_8);
        ApiApplication app = new ApiApplication() {
            @Override
            protected PrintStream commandOutput() {
                return captured;
            }
        };
        Bootstrap<ApiConfiguration> bootstrap = new Bootstrap<>(app);
        app.initialize(bootstrap);
        return new Cli(new JarLocation(ApiApplication.class), bootstrap, out, err).run(args);
    }
}
