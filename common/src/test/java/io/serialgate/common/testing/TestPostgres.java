package io.serialgate.common.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test class, on a real server: the one named by
 * {@code SERIALGATE_TEST_PG} (a JDBC URL to an existing database with CREATE DATABASE rights,
 * default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), or, when that server
 * is not reachable and {@code CI} is not true, an embedded PostgreSQL started once per JVM.
 */
public final class TestPostgres {

    private static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static String adminUrl;
    private static EmbeddedPostgres embedded;
    private static final java.util.List<String> created = new java.util.ArrayList<>();

    private TestPostgres() {}

    /** Creates a new database and returns its JDBC URL (user and password in the query string). */
    public static synchronized String freshDatabaseUrl() {
        String admin = adminUrl();
        String name = "sg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            if (created.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropCreated, "drop-test-databases"));
            }
            created.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + redact(admin), e);
        }
        return withDatabase(admin, name);
    }

    /** Test databases go away with the test JVM, so they do not pile up on a shared server. */
    private static synchronized void dropCreated() {
        if (embedded != null) {
            return; // the embedded server goes away whole
        }
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            for (String name : created) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("WARNING: could not drop test databases: " + e.getMessage());
        }
    }

    private static String adminUrl() {
        if (adminUrl != null) {
            return adminUrl;
        }
        String configured = System.getenv().getOrDefault("SERIALGATE_TEST_PG", DEFAULT_ADMIN_URL);
        try (Connection ignored = DriverManager.getConnection(configured)) {
            adminUrl = configured;
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and PostgreSQL at " + redact(configured)
                        + " is not reachable: .ci/run must start it", e);
            }
            System.err.println("WARNING: PostgreSQL at " + redact(configured)
                    + " is not reachable; starting an embedded PostgreSQL for the tests");
            adminUrl = startEmbedded();
        }
        return adminUrl;
    }

    private static String startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            return embedded.getJdbcUrl("postgres", "postgres");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }

    private static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        String rest = query < 0 ? "" : url.substring(query);
        return url.substring(0, slash + 1) + database + rest;
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
