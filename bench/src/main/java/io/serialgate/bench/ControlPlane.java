package io.serialgate.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real services behind serialproxy's token check, deployed as an operator would: consoleauth,
 * compute-driver (its {@code external} driver, whose servers' consoles are the fake serial ports)
 * and the api, each its own JVM, brought up by {@code deploy/bin/serialgate-staged} with the sample
 * configs of {@code deploy/config} on a fresh PostgreSQL database that is dropped afterwards. So a
 * measured connect pays what a user's does: consoleauth's token lookup, session insert and endpoint
 * re-check at compute-driver, on PostgreSQL.
 */
final class ControlPlane implements AutoCloseable {

    /** Tokens outlive the longest run (the full protocol takes about 15 minutes). */
    private static final int TOKEN_TTL_SECONDS = 7200;
    private static final String STAGED = "deploy/bin/serialgate-staged";

    private final Path runDir;
    private final String adminJdbcUrl;
    private final String user;
    private final String password;
    private final String database;
    private final String secret;
    private final Map<String, String> env = new LinkedHashMap<>();
    private boolean up;

    private ControlPlane(Path runDir, String adminJdbcUrl, String user, String password) throws IOException {
        this.runDir = runDir;
        this.adminJdbcUrl = adminJdbcUrl;
        this.user = user;
        this.password = password;
        this.database = "sg_bench_" + HexFormat.of().formatHex(random(4));
        this.secret = HexFormat.of().formatHex(random(32));
        env.put("SERIALGATE_DB_URL", withDatabase(adminJdbcUrl, database));
        env.put("SERIALGATE_DB_USER", user);
        env.put("SERIALGATE_DB_PASSWORD", password);
        env.put("SERIALGATE_SERVICE_SECRET", secret);
        env.put("SERIALGATE_CONSOLEAUTH_PORT", Integer.toString(Target.freePort()));
        env.put("SERIALGATE_COMPUTE_PORT", Integer.toString(Target.freePort()));
        env.put("SERIALGATE_API_PORT", Integer.toString(Target.freePort()));
        env.put("SERIALGATE_SERIALPROXY_PORT", Integer.toString(Target.freePort()));
        env.put("SERIALGATE_COMPUTE_DRIVER", "external");
        env.put("SERIALGATE_MAX_SERIAL_PORTS", Integer.toString(ExternalServers.PORTS_PER_SERVER));
        env.put("SERIALGATE_TOKEN_TTL", Integer.toString(TOKEN_TTL_SECONDS));
        env.put("SERIALGATE_STATE_DIR", runDir.toString());
        env.put("SERIALGATE_START_TIMEOUT", "150");
    }

    /**
     * Creates the database on the PostgreSQL of {@code adminJdbcUrl} (any database there the user
     * may connect to) and brings the three services up; serialproxy is the bench's own target.
     */
    static ControlPlane start(Path workDir, String adminJdbcUrl, String user, String password) throws Exception {
        Path runDir = workDir.resolve("control-plane");
        deleteRecursively(runDir); // logs and pid files of an earlier run
        ControlPlane plane = new ControlPlane(Files.createDirectories(runDir), adminJdbcUrl, user, password);
        plane.createDatabase();
        try {
            plane.up();
        } catch (Exception e) {
            plane.close();
            throw e;
        }
        return plane;
    }

    String apiUrl() {
        return "http://127.0.0.1:" + env.get("SERIALGATE_API_PORT");
    }

    String consoleauthUrl() {
        return "http://127.0.0.1:" + env.get("SERIALGATE_CONSOLEAUTH_PORT");
    }

    String computeUrl() {
        return "http://127.0.0.1:" + env.get("SERIALGATE_COMPUTE_PORT");
    }

    /** The service credential every service shares (serialproxy's config needs it). */
    String serviceSecret() {
        return secret;
    }

    /** The admin key the api wrote on its first start (bootstrap_admin_key_file). */
    String adminKey() throws IOException {
        return Files.readString(runDir.resolve("admin-key"), StandardCharsets.UTF_8).trim();
    }

    /**
     * Reads what consoleauth, compute-driver and PostgreSQL's backends of this run's database have
     * spent: the processes a connect keeps busy besides the proxy. They are looked up now (the
     * connection pools are full after a warm-up); whatever cannot be found is left out (null).
     */
    java.util.function.Supplier<BackendWork> meter() {
        ProcessHandle consoleauth = servicePid("consoleauth");
        ProcessHandle compute = servicePid("compute-driver");
        List<ProcessHandle> postgres = databaseBackends();
        return () -> new BackendWork(consoleauth == null ? null : ProcessWork.of(consoleauth),
                compute == null ? null : ProcessWork.of(compute), ProcessWork.of(postgres));
    }

    private ProcessHandle servicePid(String service) {
        try {
            long pid = Long.parseLong(Files.readString(runDir.resolve(service + ".pid")).trim());
            return ProcessHandle.of(pid).orElse(null);
        } catch (IOException | NumberFormatException notRunning) {
            return null;
        }
    }

    private List<ProcessHandle> databaseBackends() {
        List<ProcessHandle> backends = new java.util.ArrayList<>();
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE datname = ?")) {
            query.setString(1, database);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ProcessHandle.of(rows.getLong(1)).ifPresent(backends::add);
                }
            }
        } catch (SQLException unreadable) {
            // left out: the row shows "–" for PostgreSQL
        }
        return backends;
    }

    private void createDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private void up() throws Exception {
        System.err.printf("bench: starting consoleauth, compute-driver and api (database %s) ...%n", database);
        up = true; // even a failed up may leave processes: close() takes them down
        staged(300, "up", "deploy/config", runDir.toString());
        // The staged deployment includes a serialproxy; the bench starts the one it measures itself.
        staged(60, "stop", runDir.toString(), "serialproxy");
    }

    private void staged(int timeoutSeconds, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(STAGED));
        command.addAll(List.of(args));
        Path log = runDir.resolve("staged.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(STAGED + " " + args[0] + " did not finish in " + timeoutSeconds + " s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IOException(STAGED + " " + args[0] + " failed (exit " + process.exitValue() + "); see " + log
                    + " and " + runDir.resolve("logs"));
        }
    }

    @Override
    public void close() {
        if (up) {
            up = false;
            try {
                staged(120, "down", runDir.toString());
            } catch (Exception e) {
                System.err.println("bench: " + STAGED + " down: " + e.getMessage());
            }
        }
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("bench: could not drop database " + database + ": " + e.getMessage());
        }
    }

    /** The same server and parameters, another database: jdbc:postgresql://host:port/NAME?params. */
    static String withDatabase(String jdbcUrl, String name) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + name + query;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }
}
