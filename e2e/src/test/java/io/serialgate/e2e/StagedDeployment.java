package io.serialgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One serialgate deployment for the suite: every service its own OS process, started and
 * stopped by {@code deploy/bin/serialgate-staged} with the sample configs of {@code deploy/config},
 * everything site-specific passed as environment variables (fresh database, free ports, a fresh
 * service secret, the libvirt driver on the busybox guest).
 */
final class StagedDeployment implements AutoCloseable {

    private final Path repo;
    private final Path runDir;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final String jdbcUrl;
    private final int apiPort;
    private final int serialproxyPort;
    private boolean up;

    StagedDeployment(Path repo, Path runDir, String jdbcUrl) throws IOException {
        this.repo = repo;
        this.runDir = runDir;
        this.jdbcUrl = jdbcUrl;
        Files.createDirectories(runDir);
        int consoleauthPort = freePort();
        int computePort = freePort();
        apiPort = freePort();
        serialproxyPort = freePort();
        // Guests' serial ports: a range of its own, below the kernel's ephemeral ports (32768+)
        // and away from the 10000:20000 default other tests on this machine use.
        int base = 20000 + 100 * ThreadLocalRandom.current().nextInt(90);
        env.put("SERIALGATE_DB_URL", jdbcUrl);
        env.put("SERIALGATE_DB_USER", queryParameter(jdbcUrl, "user", "postgres"));
        env.put("SERIALGATE_DB_PASSWORD", queryParameter(jdbcUrl, "password", ""));
        env.put("SERIALGATE_SERVICE_SECRET", HexFormat.of().formatHex(randomBytes(32)));
        env.put("SERIALGATE_CONSOLEAUTH_PORT", Integer.toString(consoleauthPort));
        env.put("SERIALGATE_COMPUTE_PORT", Integer.toString(computePort));
        env.put("SERIALGATE_API_PORT", Integer.toString(apiPort));
        env.put("SERIALGATE_SERIALPROXY_PORT", Integer.toString(serialproxyPort));
        env.put("SERIALGATE_PORT_RANGE", base + ":" + (base + 99));
        env.put("SERIALGATE_COMPUTE_DRIVER", "libvirt");
        env.put("SERIALGATE_COMPUTE_HOST", "localhost");
        env.put("SERIALGATE_LIBVIRT_URI", Prerequisites.LIBVIRT_URI);
        env.put("SERIALGATE_GUEST_DIR", Prerequisites.guestDir().toString());
        env.put("SERIALGATE_STATE_DIR", runDir.toString());
        env.put("SERIALGATE_START_TIMEOUT", "150");
        env.put("SERIALGATE_STOP_TIMEOUT", "15");
        // Small heaps: four JVMs share a small CI machine with the test JVM and QEMU.
        env.put("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        Files.createDirectories(runDir.resolve("consoles"));
        // Private copies of the jars: other builds on this machine may rewrite target/ mid-run.
        Path jars = Files.createDirectories(runDir.resolve("jars"));
        for (String module : List.of("consoleauth", "compute-driver", "api", "serialproxy", "client")) {
            Path jar = Prerequisites.jar(module);
            Files.copy(jar, jars.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        env.put("SERIALGATE_JARS", jars.toString());
        env.put("SERIALGATE_CLIENT_JAR", jars.resolve(Prerequisites.jar("client").getFileName()).toString());
    }

    /** The private copy of a module's -all jar. */
    Path jar(String module) {
        return runDir.resolve("jars").resolve(Prerequisites.jar(module).getFileName());
    }

    String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    String serialproxyUrl() {
        return "http://127.0.0.1:" + serialproxyPort;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    Path runDir() {
        return runDir;
    }

    Path logs() {
        return runDir.resolve("logs");
    }

    /** {@code serialgate-staged up}: fails with the script's own output when a stage fails. */
    void up() throws Exception {
        Result result = staged(300, "up", configDir().toString(), runDir.toString());
        up = true; // even a failed up may have left processes: down cleans up
        // A test JVM stopped from outside (failsafe's timeout, Ctrl-C) still stops the services.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close();
            } catch (Exception e) {
                System.err.println("e2e: serialgate-staged down failed: " + e);
            }
        }, "e2e-staged-down"));
        if (result.exitCode() != 0) {
            throw new AssertionError("serialgate-staged up failed (exit " + result.exitCode() + "):\n" + result.output());
        }
    }

    /** Starts one service again (e.g. after {@link #kill9}), waiting for its health check. */
    Result start(String service) throws Exception {
        Result result = staged(200, "start", configDir().toString(), runDir.toString(), service);
        if (result.exitCode() != 0) {
            throw new AssertionError("serialgate-staged start " + service + " failed:\n" + result.output());
        }
        return result;
    }

    long pid(String service) throws IOException {
        return Long.parseLong(Files.readString(runDir.resolve(service + ".pid")).trim());
    }

    /** The service's /admin/healthcheck answers 200. */
    boolean healthy(String service) {
        String port = env.get("SERIALGATE_" + (service.equals("compute-driver") ? "COMPUTE" : service.toUpperCase()) + "_PORT");
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/admin/healthcheck"))
                    .timeout(java.time.Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL to one service, as a crash would. */
    void kill9(String service) throws Exception {
        long pid = Long.parseLong(Files.readString(runDir.resolve(service + ".pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(service + " is not running"));
        process.destroyForcibly(); // SIGKILL on Linux
        process.onExit().get(10, TimeUnit.SECONDS);
    }

    /** A new API key through the api's own command ({@code create-api-key}): returns the key. */
    String createApiKey(String project, String role) throws Exception {
        Path log = logs().resolve("create-api-key-" + project + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                jar("api").toString(), "create-api-key", "--project", project, "--role", role,
                configDir().resolve("api.yml").toString()))
                .redirectError(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String out;
        try (var stdout = process.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        }
        process.waitFor(120, TimeUnit.SECONDS);
        String jsonLine = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (process.exitValue() != 0 || jsonLine == null) {
            throw new AssertionError("create-api-key --project " + project + " failed (exit " + process.exitValue()
                    + "): " + out + " " + Files.readString(log));
        }
        JsonNode created = new ObjectMapper().readTree(jsonLine);
        return created.path("key").asText();
    }

    @Override
    public synchronized void close() throws Exception {
        if (!up) {
            return;
        }
        up = false;
        staged(120, "down", runDir.toString()); // prints its own output
    }

    Map<String, String> env() {
        return env;
    }

    private Path configDir() {
        return repo.resolve("deploy/config");
    }

    record Result(int exitCode, String output) {}

    private Result staged(int timeoutSeconds, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(repo.resolve("deploy/bin/serialgate-staged").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path output = runDir.resolve("staged-" + args[0] + ".out");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            return new Result(-1, Files.readString(output) + "\n(serialgate-staged " + args[0] + " timed out after "
                    + timeoutSeconds + " s)");
        }
        String text = Files.readString(output);
        System.out.println("serialgate-staged " + String.join(" ", args) + ":\n" + text);
        return new Result(process.exitValue(), text);
    }

    private static String queryParameter(String jdbcUrl, String name, String fallback) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return fallback;
        }
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * A free port in 29000-32699: not an ephemeral port (32768+), which any test on this machine
     * may be handed between our check and the service's bind.
     */
    private static final java.util.Set<Integer> CHOSEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 29000 + ThreadLocalRandom.current().nextInt(3700);
            if (!CHOSEN.add(port)) {
                continue; // handed out already in this run
            }
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port in 29000-32699"));
    }
}
