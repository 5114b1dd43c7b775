package io.serialgate.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * serialproxy as deployed: its shaded jar in its own JVM, configured like the all-in-one, with
 * every console's token (one the api issued) checked and its session opened by the real
 * consoleauth of the {@link ControlPlane}.
 */
final class SerialproxyTarget implements Target {

    private volatile Process process;
    private final List<String> command = new ArrayList<>();
    private final Path stdout;
    private final int port;
    private final ConsoleTokens tokens;
    private final ConnectChain chain;
    private final ControlPlane controlPlane;

    SerialproxyTarget(Path jar, List<String> javaOptions, Path workDir, ControlPlane controlPlane,
            Map<Integer, ExternalServers.Console> consoles, ConsoleTokens tokens) throws IOException, InterruptedException {
        this.tokens = tokens;
        this.controlPlane = controlPlane;
        this.chain = new ConnectChain(controlPlane, consoles, tokens);
        port = Target.freePort();
        Files.createDirectories(workDir);
        Path config = workDir.resolve("serialproxy-bench.yml");
        Files.writeString(config, String.join("\n",
                "server:",
                "  type: simple",
                "  applicationContextPath: /",
                "  adminContextPath: /admin",
                "  connector: {type: http, bindHost: 127.0.0.1, port: " + port + "}",
                "  requestLog:",
                "    appenders: [{type: file, currentLogFilename: " + workDir.resolve("serialproxy-requests.log") + ", archive: false}]",
                "serial_console:",
                "  enabled: true",
                "  listen: 127.0.0.1",
                "  base_url: \"http://127.0.0.1:" + port + "/serial.html\"",
                "service_auth:",
                "  secret: \"" + controlPlane.serviceSecret() + "\"",
                "internal:",
                "  consoleauth_url: \"" + controlPlane.consoleauthUrl() + "\"",
                "  compute_url: \"" + controlPlane.computeUrl() + "\"",
                "  timeout_seconds: 10",
                "serialproxy:",
                "  proxy_id: bench-proxy",
                "logging:",
                "  level: INFO",
                "  appenders: [{type: file, currentLogFilename: " + workDir.resolve("serialproxy.log") + ", archive: false}]",
                ""));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "server", config.toString()));
        stdout = workDir.resolve("serialproxy-stdout.log");
        Files.deleteIfExists(stdout);
        launch();
    }

    /** The internal calls behind this proxy's connects, to be timed on their own. */
    ConnectChain chain() {
        return chain;
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .start();
        Target.awaitListening(port, process, 90_000);
    }

    @Override
    public boolean restart() throws IOException, InterruptedException {
        close();
        launch();
        return true;
    }

    @Override
    public String name() {
        return "serialproxy";
    }

    @Override
    public Conn connect(ClientLoop loop, int serialPort, Conn.Handler handler) {
        String token = tokens.of(serialPort);
        return loop.connect(new InetSocketAddress("127.0.0.1", port), handler,
                new Conn.Upgrade("127.0.0.1:" + port, "/?token=" + token, "binary"));
    }

    @Override
    public ProcessHandle process() {
        return process.toHandle();
    }

    @Override
    public java.util.function.Supplier<BackendWork> backendMeter() {
        return controlPlane.meter();
    }

    @Override
    public long memoryBytes() {
        return Target.memoryOf(process.pid(), false);
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: graceful stop
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
