package io.serialgate.client.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.serialgate.client.support.EchoProxy;
import io.serialgate.client.support.FakeApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code console connect} in a real pseudo-terminal: util-linux {@code script} gives the client a
 * pty as stdin and controlling terminal, as an interactive shell would. Checks that keys reach the
 * guest raw (no local echo, no line buffering, CR kept), that Ctrl-] detaches, and that the
 * terminal settings afterwards are exactly those before, also when the client is killed.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(180)
class ConsoleConnectInPtyTest {

    private static final String CONNECTED = "Escape character is ^]";

    @TempDir
    Path dir;

    private FakeApi api;
    private EchoProxy proxy;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pty");
        api = new FakeApi();
        proxy = new EchoProxy();
        api.consoleBaseUrl(proxy.consoleBaseUrl());
        proxy.allow(FakeApi.tokenFor(api.addServer("demo", 1), 0));
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void typesRawToTheGuestDetachesAndRestoresTheTerminal() throws Exception {
        Pty pty = Pty.start(dir, api);

        pty.awaitOutput(CONNECTED);
        String during = pty.settings();
        pty.type("echo hello\r");
        pty.awaitOutput("echo hello\r");
        pty.type("\u001d");
        int exit = pty.awaitExit();

        assertThat(exit).as(pty.output()).isZero();
        assertThat(pty.file("exit")).isEqualTo("0");
        // Raw: the CR arrives as typed (no ICRNL), at once (no line discipline), never echoed locally.
        assertThat(new String(proxy.received(), StandardCharsets.UTF_8)).isEqualTo("echo hello\r");
        assertThat(pty.output().split("echo hello", -1)).hasSize(2);
        assertThat(pty.output()).contains("Detached from demo serial port 0.");
        assertThat(pty.file("after")).isEqualTo(pty.file("before"));
        assertThat(during).contains("-echo", "-icanon", "-icrnl");
    }

    @Test
    void theTerminalIsRestoredWhenTheClientIsKilled() throws Exception {
        Pty pty = Pty.start(dir, api);

        pty.awaitOutput(CONNECTED);
        long pid = Long.parseLong(pty.file("pid"));
        ProcessHandle.of(pid).orElseThrow().destroy();
        int exit = pty.awaitExit();

        assertThat(exit).as(pty.output()).isZero();
        assertThat(pty.file("exit")).isEqualTo("143");
        assertThat(pty.file("after")).isEqualTo(pty.file("before"));
    }

    @Test
    void aWindowResizeReachesTheGuestWithSyncSize() throws Exception {
        Pty pty = Pty.start(dir, api, "--sync-size");

        pty.awaitOutput(CONNECTED);
        awaitReceived("stty rows 24 cols 80\r");
        Process resize = new ProcessBuilder("stty", "-F", pty.file("tty"), "rows", "30", "cols", "100").start();
        assertThat(resize.waitFor()).isZero();
        awaitReceived("stty rows 24 cols 80\rstty rows 30 cols 100\r");
        pty.type("\u001d");

        assertThat(pty.awaitExit()).as(pty.output()).isZero();
        assertThat(pty.file("exit")).isEqualTo("0");
    }

    private void awaitReceived(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!new String(proxy.received(), StandardCharsets.UTF_8).equals(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the proxy received '" + new String(proxy.received(), StandardCharsets.UTF_8)
                        + "', not '" + text + "'");
            }
            Thread.sleep(20);
        }
    }

    /** The client started under script(1), with a shell around it that records the terminal settings. */
    private record Pty(Process process, Path dir, ByteArrayOutputStream screen, OutputStream keys) {

        static Pty start(Path dir, FakeApi api, String... options) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // The client runs in the background only to learn its pid; fd 3 keeps the pty as its stdin.
            String shell = String.join("\n",
                    "cd '" + dir + "'",
                    "tty > tty",
                    "stty rows 24 cols 80",
                    "stty -g > before",
                    "exec 3<&0",
                    "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                            + "io.serialgate.client.SerialgateClient console connect demo " + String.join(" ", options) + " <&3 &",
                    "client=$!",
                    "echo $client > pid",
                    "wait $client; echo $? > exit",
                    "stty -g > after",
                    "");
            Files.writeString(dir.resolve("run.sh"), shell);
            ProcessBuilder builder = new ProcessBuilder("script", "-qefc", "sh " + dir.resolve("run.sh"), "/dev/null");
            builder.environment().put("SERIALGATE_API_URL", api.url());
            builder.environment().put("SERIALGATE_TOKEN", FakeApi.TOKEN);
            builder.redirectErrorStream(true);
            Process process = builder.start();
            ByteArrayOutputStream screen = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(process.getInputStream(), screen), "pty-reader");
            reader.setDaemon(true);
            reader.start();
            return new Pty(process, dir, screen, process.getOutputStream());
        }

        private static void copy(InputStream in, ByteArrayOutputStream screen) {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (screen) {
                        screen.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // process gone
            }
        }

        String output() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8);
            }
        }

        void awaitOutput(String text) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!output().contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("no '" + text + "' on the terminal; it shows: " + output());
                }
                Thread.sleep(20);
            }
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("script did not end; the terminal shows: " + output());
            }
            return process.exitValue();
        }

        /** The pty's settings now, read from outside the client like a second terminal would. */
        String settings() throws IOException, InterruptedException {
            Process stty = new ProcessBuilder("stty", "-a", "-F", file("tty")).redirectErrorStream(true).start();
            String text = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            stty.waitFor();
            return text;
        }

        String file(String name) throws IOException {
            return Files.readString(dir.resolve(name)).strip();
        }
    }
}
