package io.serialgate.client.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.serialgate.client.ExitCode;
import io.serialgate.client.console.Terminal;
import io.serialgate.client.support.ClientRun;
import io.serialgate.client.support.ClientRun.Result;
import io.serialgate.client.support.EchoProxy;
import io.serialgate.client.support.FakeApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ConsoleConnectCommandTest {

    private static final byte ESCAPE = 0x1d;

    private FakeApi api;
    private EchoProxy proxy;
    private String demoId;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi();
        proxy = new EchoProxy();
        api.consoleBaseUrl(proxy.consoleBaseUrl());
        demoId = api.addServer("demo", 2);
        proxy.allow(FakeApi.tokenFor(demoId, 0));
        proxy.allow(FakeApi.tokenFor(demoId, 1));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        api.close();
    }

    @Test
    void relaysKeysAndEchoesThenDetachesOnCtrlBracket() {
        Result result = ClientRun.against(api).stdin(bytes("echo hello\r", ESCAPE, "never sent"))
                .run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout()).isEqualTo("echo hello\r");
        assertThat(new String(proxy.received(), StandardCharsets.UTF_8)).isEqualTo("echo hello\r");
        assertThat(result.stderr()).containsOnlyOnce("Connected to demo serial port 0. Escape character is ^]");
        assertThat(result.stderr()).contains("Detached from demo serial port 0.");
        assertThat(proxy.clientCloseCodes()).containsExactly(1000);
    }

    @Test
    void connectsToTheAskedPortByIdAndSendsABrowserLikeOrigin() {
        Result result = ClientRun.against(api).stdin(bytes("x", ESCAPE))
                .run("console", "connect", demoId, "--port", "1");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(result.stderr()).contains("Connected to demo serial port 1.");
        assertThat(proxy.origins()).containsExactly(proxy.consoleBaseUrl().replace("/serial.html", ""));
        assertThat(proxy.modes()).containsExactly("null");
    }

    @Test
    void aViewerAsksForViewModeAndSendsNoKeys() {
        Result result = ClientRun.against(api).stdin(bytes("ls\r", ESCAPE)).run("console", "connect", "demo", "--view");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(result.stderr()).contains("Connected to demo serial port 0 (view only). Escape character is ^]");
        assertThat(proxy.modes()).containsExactly("view");
        assertThat(proxy.received()).isEmpty();
    }

    @Test
    void syncSizeTypesTheSizeOnConnectAndOnEveryResize() throws Exception {
        RecordingTerminal terminal = new RecordingTerminal();
        java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(keys);

        java.util.concurrent.CompletableFuture<Result> running = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                ClientRun.against(api).terminal(terminal).stdin(stdin).run("console", "connect", "demo", "--sync-size"));
        awaitReceived("stty rows 24 cols 80\r");
        terminal.resize(24, 80);
        terminal.resize(30, 100);
        awaitReceived("stty rows 24 cols 80\rstty rows 30 cols 100\r");
        keys.write(ESCAPE);
        keys.flush();
        Result result = running.get(90, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(new String(proxy.received(), StandardCharsets.UTF_8)).isEqualTo("stty rows 24 cols 80\rstty rows 30 cols 100\r");
        assertThat(terminal.calls).containsExactly("raw", "watch", "unwatch", "restore");
    }

    @Test
    void syncSizeNeedsATerminal() {
        Result result = ClientRun.against(api).stdin(bytes("a", ESCAPE)).run("console", "connect", "demo", "--sync-size");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(result.stderr()).contains("--sync-size ignored: stdin is not a terminal");
        assertThat(new String(proxy.received(), StandardCharsets.UTF_8)).isEqualTo("a");
    }

    private void awaitReceived(String text) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!new String(proxy.received(), StandardCharsets.UTF_8).equals(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the proxy received '" + new String(proxy.received(), StandardCharsets.UTF_8)
                        + "', not '" + text + "'");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void theEndOfPipedInputClosesTheConsoleAfterTheGuestIsQuiet() {
        Result result = ClientRun.against(api).stdin(bytes("uname\r")).run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout()).isEqualTo("uname\r");
        assertThat(result.stderr()).contains("Input ended; closed the console of demo serial port 0.");
    }

    @Test
    void theTerminalIsRawDuringTheSessionAndRestoredAfterDetach() {
        RecordingTerminal terminal = new RecordingTerminal();

        Result result = ClientRun.against(api).terminal(terminal).stdin(bytes("a", ESCAPE)).run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(terminal.calls).containsExactly("raw", "restore");
    }

    @Test
    void theTerminalIsRestoredWhenTheProxyClosesAndTheReasonIsPrinted() {
        proxy.closeAfterFirstFrame(1000, "guest powered off");
        RecordingTerminal terminal = new RecordingTerminal();

        Result result = ClientRun.against(api).terminal(terminal).stdin(new SlowStdin("a"))
                .run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(result.stderr()).contains("Connection closed: guest powered off.");
        assertThat(terminal.calls).containsExactly("raw", "restore");
    }

    @Test
    void aRevokedSessionIsAnAuthErrorWithTheReason() {
        proxy.closeAfterFirstFrame(1008, "console session revoked");
        RecordingTerminal terminal = new RecordingTerminal();

        Result result = ClientRun.against(api).terminal(terminal).stdin(new SlowStdin("a"))
                .run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.AUTH);
        assertThat(result.stderr()).contains(
                "serialgate-client: the console proxy closed demo serial port 0: console session revoked (close code 1008)");
        assertThat(terminal.calls).containsExactly("raw", "restore");
    }

    @Test
    void aSerialPortInUseIsRefusedAsAConflict() {
        proxy.busy(FakeApi.tokenFor(demoId, 0));
        RecordingTerminal terminal = new RecordingTerminal();

        Result result = ClientRun.against(api).terminal(terminal).run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.CONFLICT);
        assertThat(result.stderr()).endsWith("refused the connection: console in use (HTTP 409)\n");
        assertThat(result.stderr()).doesNotContain("Connected to");
        assertThat(terminal.calls).isEmpty();
    }

    @Test
    void aWriterClosedForBeingBusyIsAConflict() {
        proxy.closeAfterFirstFrame(4409, "serial port 0 already has a writer");

        Result result = ClientRun.against(api).stdin(new SlowStdin("a")).run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.CONFLICT);
        assertThat(result.stderr()).contains("already has a writer (close code 4409)");
    }

    @Test
    void aTokenRefusedByTheProxyIsAnAuthErrorThatNeverPrintsTheToken() {
        api.addServer("stranger", 1);

        Result result = ClientRun.against(api).stdin(bytes("a")).run("console", "connect", "stranger");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.AUTH);
        assertThat(result.stderr().strip()).isEqualTo("serialgate-client: the console proxy at ws://127.0.0.1:"
                + proxy.consoleBaseUrl().split(":")[2].split("/")[0] + "/serial.html refused the connection: invalid token (HTTP 403)");
        assertThat(result.stderr()).doesNotContain("token=", "console-");
    }

    @Test
    void anUnreachableProxyIsANetworkError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        api.consoleBaseUrl("http://127.0.0.1:" + closedPort + "/serial.html");
        RecordingTerminal terminal = new RecordingTerminal();

        Result result = ClientRun.against(api).terminal(terminal).run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.NETWORK);
        assertThat(result.stderr().strip()).isEqualTo(
                "serialgate-client: cannot reach the console proxy at ws://127.0.0.1:" + closedPort + "/serial.html: connection refused");
        assertThat(terminal.calls).isEmpty();
    }

    @Test
    void aProxyGoingAwayEndsTheConsoleWithItsOwnCode() {
        proxy.closeAfterFirstFrame(1001, "proxy shutting down");

        Result result = ClientRun.against(api).stdin(new SlowStdin("a")).run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.ENDED);
        assertThat(result.stderr()).contains("proxy shutting down (close code 1001)");
    }

    @Test
    void anIdleTimeoutEndsTheConsoleAndRestoresTheTerminal() {
        proxy.closeAfterFirstFrame(4000, "idle timeout");
        RecordingTerminal terminal = new RecordingTerminal();

        Result result = ClientRun.against(api).terminal(terminal).stdin(new SlowStdin("a"))
                .run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.ENDED);
        assertThat(result.stderr()).contains(
                "serialgate-client: the console proxy closed demo serial port 0: idle timeout (close code 4000)");
        assertThat(terminal.calls).containsExactly("raw", "restore");
    }

    @Test
    void anAdministratorsDisconnectIsAConflict() {
        proxy.closeAfterFirstFrame(4001, "disconnected by administrator");

        Result result = ClientRun.against(api).stdin(new SlowStdin("a")).run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.CONFLICT);
        assertThat(result.stderr()).contains("disconnected by administrator (close code 4001)");
    }

    @Test
    void anExpiredTokenIsAnAuthErrorExplainedEvenWithoutAReason() {
        proxy.closeAfterFirstFrame(4004, "");

        Result result = ClientRun.against(api).stdin(new SlowStdin("a")).run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.AUTH);
        assertThat(result.stderr()).contains("token expired (close code 4004)");
    }

    @Test
    void aConnectionLostMidSessionIsANetworkErrorAndTheTerminalIsRestored() {
        RecordingTerminal terminal = new RecordingTerminal();
        SlowStdin stdin = new SlowStdin("a");
        // Stopping Jetty drops the TCP connection without a close frame: what a network loss looks like.
        stdin.onFirstRead = () -> {
            try {
                proxy.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        Result result = ClientRun.against(api).terminal(terminal).stdin(stdin).run("console", "connect", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.NETWORK);
        assertThat(result.stderr()).contains("serialgate-client: lost the connection to demo serial port 0");
        assertThat(terminal.calls).containsExactly("raw", "restore");
    }

    @Test
    void aServerWithoutThatPortIsAUsageErrorFromTheApi() {
        Result result = ClientRun.against(api).run("console", "connect", "demo", "--port", "2");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr()).contains("Serial port 2 does not exist");
    }

    @Test
    void anUnknownServerIsNotFound() {
        Result result = ClientRun.against(api).run("console", "connect", "nope");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.NOT_FOUND);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Byte b) {
                out.write(b);
            } else {
                out.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** Records what the command did to the terminal; {@link #resize} plays a window change. */
    static final class RecordingTerminal implements Terminal {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private volatile WindowSize size = new WindowSize(24, 80);
        private volatile java.util.function.Consumer<WindowSize> resizeListener;

        void resize(int rows, int columns) {
            size = new WindowSize(rows, columns);
            java.util.function.Consumer<WindowSize> listener = resizeListener;
            if (listener != null) {
                listener.accept(size);
            }
        }

        @Override
        public Watch onResize(java.util.function.Consumer<WindowSize> listener) {
            calls.add("watch");
            resizeListener = listener;
            return () -> {
                calls.add("unwatch");
                resizeListener = null;
            };
        }

        @Override
        public boolean isInteractive() {
            return true;
        }

        @Override
        public void enterRawMode() {
            calls.add("raw");
        }

        @Override
        public void restore() {
            calls.add("restore");
        }

        @Override
        public Optional<WindowSize> size() {
            return Optional.of(size);
        }
    }

    /** Stdin that gives some bytes, then blocks like an idle keyboard until the test ends. */
    static final class SlowStdin extends InputStream {
        private final byte[] first;
        private boolean given;
        Runnable onFirstRead = () -> { };

        SlowStdin(String first) {
            this.first = first.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
            if (!given) {
                given = true;
                onFirstRead.run();
                System.arraycopy(first, 0, buffer, offset, first.length);
                return first.length;
            }
            try {
                wait(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }
}
