package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.serialgate.common.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `migrate CONFIG` brings the schema up to date without starting the server, and is idempotent. */
class MigrateCommandTest {

    @TempDir
    Path dir;

    @Test
    void migrateCreatesTheSchemaAndCanRunTwice() throws Exception {
        // Dropwizard reads `dw.*` system properties as config overrides, and other test classes'
        // ConfigOverrides can leave some behind in this JVM: this test must read its own file only.
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("dw."))
                .forEach(System::clearProperty);
        String url = TestPostgres.freshDatabaseUrl();
        Path config = Files.writeString(dir.resolve("consoleauth.yml"), ""
                + "service_auth: {secret: 0123456789abcdef0123456789abcdef}\n"
                + "database: {driverClass: org.postgresql.Driver, url: \"" + url + "\", user: postgres, password: \"\"}\n");
        new ConsoleauthApplication().run("migrate", config.toString());
        new ConsoleauthApplication().run("migrate", config.toString());
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from consoleauth.flyway_history where success")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2);
        }
    }
}
