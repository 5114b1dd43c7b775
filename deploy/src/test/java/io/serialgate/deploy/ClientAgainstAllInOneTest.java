package io.serialgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real {@code client/bin/serialgate-client} (its built jar, as a separate process) against the
 * real api and serialproxy on PostgreSQL: each command's table and JSON output, an interactive
 * console driven through pipes, and the documented exit codes.
 */
@ExtendWith(RunningAllInOne.class)
class ClientAgainstAllInOneTest {

    private static final Path LAUNCHER = Path.of("../client/bin/serialgate-client").toAbsolutePath().normalize();
    private final ObjectMapper json = new ObjectMapper();
    private RunningAllInOne system;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void useTheRunningSystem() {
        system = RunningAllInOne.get();
        assertThat(LAUNCHER).as("client launcher").exists();
    }

    @Test
    void serverListShowsTheDemoServerAsATableAndAsJson() throws Exception {
        Run table = client(null, "server", "list");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("demo").contains(system.summary.demoServerId());
        Run asJson = client(null, "--format", "json", "server", "list");
        assertThat(asJson.exit()).isZero();
        JsonNode servers = json.readTree(asJson.out());
        assertThat(servers.toString()).contains(system.summary.demoServerId());
    }

    @Test
    void getSerialConsoleByNamePrintsAWorkingUrl() throws Exception {
        Run run = client(null, "--format", "json", "get-serial-console", "demo", "serial");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("/serial.html?token=");
        Run table = client(null, "get-serial-console", "demo");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("serial.html?token=");
    }

    @Test
    void consoleConnectRelaysTypedCommandsAndTheGuestsAnswer() throws Exception {
        Run run = client("echo from-the-cli\r", "console", "connect", "demo", "--port", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\r\nfrom-the-cli\r\n");
        assertThat(run.out() + run.err()).contains("Escape character is ^]");
    }

    @Test
    void consoleConnectInARealTerminalIsRawDetachesAndRestoresTheTerminal() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")),
                "util-linux script(1) is needed for a pseudo-terminal");
        Path dir = Files.createTempDirectory("client-pty");
        Files.writeString(dir.resolve("run.sh"), String.join("\n",
                "cd '" + dir + "'",
                "stty -g > before",
                "'" + LAUNCHER + "' --api-url " + system.apiUrl() + " --token " + system.summary.adminKey()
                        + " console connect demo --port 1",
                "echo $? > exit",
                "stty -g > after",
                ""));
        Process script = new ProcessBuilder("script", "-qefc", "sh " + dir.resolve("run.sh"), "/dev/null")
                .redirectErrorStream(true).start();
        StringBuilder screen = new StringBuilder();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = script.getInputStream().read(buffer)) >= 0; ) {
                    synchronized (screen) {
                        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException ignored) {
                // script ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        OutputStream keys = script.getOutputStream();
        awaitScreen(screen, "Escape character is ^]");
        awaitScreen(screen, "# ");
        keys.write("echo in-a-pty\r".getBytes(StandardCharsets.UTF_8));
        keys.flush();
        awaitScreen(screen, "\r\nin-a-pty\r\n");
        keys.write(0x1d); // Ctrl-]
        keys.flush();
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).as("client detached").isTrue();
        assertThat(Files.readString(dir.resolve("exit")).strip()).isEqualTo("0");
        assertThat(Files.readString(dir.resolve("after"))).isEqualTo(Files.readString(dir.resolve("before")));
    }

    @Test
    void consoleLogSessionsAndDisconnectWorkAgainstTheRealServices() throws Exception {
        // Port 0 prints something first, so its console log has content.
        assertThat(client("echo for-the-log\r", "console", "connect", "demo").exit()).isZero();
        Run log = client(null, "console", "log", "demo", "--lines", "50");
        assertThat(log.exit()).as(log.err()).isZero();
        assertThat(log.out()).contains("for-the-log");
        Run sessions = client(null, "--format", "json", "console", "sessions", "demo", "--all");
        assertThat(sessions.exit()).as(sessions.err()).isZero();
        assertThat(json.readTree(sessions.out()).isArray()).isTrue();
        Run disconnect = client(null, "console", "disconnect", "demo", "--port", "0");
        assertThat(disconnect.exit()).as(disconnect.err()).isZero();
    }

    private static void awaitScreen(StringBuilder screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            synchronized (screen) {
                if (screen.indexOf(text) >= 0) {
                    return;
                }
                assertThat(System.nanoTime() < deadline).as("waiting for %s on the terminal: %s", text, screen).isTrue();
            }
            Thread.sleep(20);
        }
    }

    @Test
    void createShowAndDeleteAServer() throws Exception {
        Run created = client(null, "--format", "json", "server", "create", "cli-made", "--serial-ports", "2");
        assertThat(created.exit()).as(created.err()).isZero();
        String id = json.readTree(created.out()).findValue("id").asText();
        Run shown = client(null, "--format", "json", "server", "show", id);
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).contains("cli-made");
        assertThat(client(null, "server", "delete", id).exit()).isZero();
        Run gone = client(null, "server", "show", id);
        assertThat(gone.exit()).isEqualTo(4);
    }

    @Test
    void anUnknownServerIsExitCode4WithOneLine() throws Exception {
        Run run = client(null, "get-serial-console", "no-such-server");
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void aWrongKeyIsExitCode3() throws Exception {
        Run run = clientWithToken("not-a-key", null, "server", "list");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).doesNotContain("not-a-key");
    }

    private Run client(String stdin, String... args) throws Exception {
        return clientWithToken(system.summary.adminKey(), stdin, args);
    }

    private Run clientWithToken(String token, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "--api-url", system.apiUrl(), "--token", token));
        command.addAll(List.of(args));
        File out = Files.createTempFile("client", ".out").toFile();
        File err = Files.createTempFile("client", ".err").toFile();
        Process process = new ProcessBuilder(command)
                .redirectOutput(out)
                .redirectError(err)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                Thread.sleep(1500); // let the console attach and the prompt arrive first
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
                in.flush();
                Thread.sleep(1000);
            }
        } catch (IOException ignored) {
            // the client already exited: its exit code tells
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("client finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }
}
