package io.serialgate.serialproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.serialproxy.support.ConsoleClient;
import io.serialgate.serialproxy.support.FakeConsoleauth;
import io.serialgate.serialproxy.support.FakeGuest;
import io.serialgate.serialproxy.support.FloodGuest;
import io.serialgate.serialproxy.support.LateReadingGuest;
import io.serialgate.serialproxy.support.PatternGuest;
import io.serialgate.serialproxy.support.RawUpgrade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** serialproxy in-process against a real HTTP consoleauth stand-in and real TCP guests. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SerialproxyApplicationTest {

    private static final FakeConsoleauth CONSOLEAUTH = startConsoleauth();
    private static final Path REQUEST_LOG = Path.of("target", "serialproxy-test-requests.log");

    private static final DropwizardAppExtension<SerialproxyConfiguration> APP = new DropwizardAppExtension<>(
            SerialproxyApplication.class,
            ResourceHelpers.resourceFilePath("serialproxy-test.yml"),
            ConfigOverride.config("internal.consoleauth_url", CONSOLEAUTH::url),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", REQUEST_LOG.toString()));

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static FakeConsoleauth startConsoleauth() {
        try {
            Files.deleteIfExists(Path.of("target", "serialproxy-test-requests.log"));
            return new FakeConsoleauth();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopConsoleauth() {
        CONSOLEAUTH.close();
    }

    private static URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + APP.getLocalPort() + pathAndQuery);
    }

    @Test
    void relaysBytesBothWaysWithTheBinarySubprotocol() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null, "binary")) {
                assertThat(console.acceptedSubprotocol()).isEqualTo("binary");
                byte[] sent = "echo héllo ✓\r\n".getBytes(StandardCharsets.UTF_8);
                console.send(sent);
                assertThat(console.awaitBytes(sent.length, WAIT)).isEqualTo(sent);
                assertThat(guest.received()).isEqualTo(sent);
            }
        }
    }

    @Test
    void theConsoleUrlTheApiReturnsWorksAsAWebsocketToo() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/serial.html?token=" + token), null, "binary")) {
                console.send(new byte[] {'x'});
                assertThat(console.awaitBytes(1, WAIT)).containsExactly('x');
            }
        }
    }

    @Test
    void aClientOfferingNoSubprotocolStillGetsRawBytes() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null)) {
                assertThat(console.acceptedSubprotocol()).isNull();
                console.send(new byte[] {1, 2, (byte) 0xff});
                assertThat(console.awaitBytes(3, WAIT)).containsExactly(1, 2, 0xff);
            }
        }
    }

    @Test
    void unknownTokenIsRefusedWithHttp401BeforeAnyUpgradeAndTheGuestSeesNothing() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            CONSOLEAUTH.grant("127.0.0.1", guest.port());
            RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/?token=no-such-token",
                    Map.of("Sec-WebSocket-Protocol", "binary"));
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.head()).doesNotContainIgnoringCase("Sec-WebSocket-Accept");
            assertThat(answer.body()).contains("\"reason\":\"token_unknown\"").contains("invalid token");
            assertThat(guest.connections()).isZero();
        }
    }

    @Test
    void expiredTokenIsRefusedWithItsReason() throws Exception {
        String token = CONSOLEAUTH.refuse(404, "token_expired");
        RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/?token=" + token, Map.of());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"reason\":\"token_expired\"").contains("token expired");
    }

    @Test
    void missingTokenIsRefused() throws Exception {
        RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/", Map.of());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\"reason\":\"token_missing\"");
    }

    @Test
    void consoleauthFailureIsAnswered503() throws Exception {
        String token = CONSOLEAUTH.refuse(500, "boom");
        RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/?token=" + token, Map.of());
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).contains("\"reason\":\"consoleauth_unavailable\"");
    }

    @Test
    void unsupportedSubprotocolIsRefused() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/?token=" + token,
                    Map.of("Sec-WebSocket-Protocol", "chat"));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("subprotocol_unsupported");
            assertThat(guest.connections()).isZero();
        }
    }

    @Test
    void foreignOriginIsRefused403WithoutAskingConsoleauth() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            int validationsBefore = CONSOLEAUTH.validations();
            RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/?token=" + token,
                    Map.of("Origin", "https://evil.example.net", "Sec-WebSocket-Protocol", "binary"));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body()).contains("\"reason\":\"origin_forbidden\"");
            assertThat(CONSOLEAUTH.validations()).isEqualTo(validationsBefore);
            assertThat(guest.connections()).isZero();
        }
    }

    @Test
    void sameHostAndAllowedOriginsMayConnect() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token),
                    "http://127.0.0.1:" + APP.getLocalPort(), "binary")) {
                console.send(new byte[] {'a'});
                assertThat(console.awaitBytes(1, WAIT)).containsExactly('a');
            }
            String second = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + second), "https://dash.example.com", "binary")) {
                console.send(new byte[] {'b'});
                assertThat(console.awaitBytes(1, WAIT)).containsExactly('b');
            }
        }
    }

    @Test
    void aSecondWriterToTheSamePortIsRefusedWithConsoleInUse() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String first = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            String second = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + first), null, "binary")) {
                console.send(new byte[] {'1'});
                console.awaitBytes(1, WAIT);
                RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/?token=" + second, Map.of());
                assertThat(answer.status()).isEqualTo(409);
                assertThat(answer.body()).contains("\"reason\":\"console_in_use\"").contains("console in use");
                assertThatThrownBy(() -> ConsoleClient.open(ws("/?token=" + second), null, "binary"))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(UpgradeException.class)
                        .extracting(e -> ((UpgradeException) e).getResponseStatusCode()).isEqualTo(409);
                assertThat(guest.connections()).isEqualTo(1);
            }
            // Once the writer left, the port is free again.
            awaitReusable(second);
        }
    }

    private void awaitReusable(String token) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null, "binary")) {
                console.send(new byte[] {'2'});
                assertThat(console.awaitBytes(1, WAIT)).containsExactly('2');
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void guestHangingUpClosesTheConsoleWithAReason() throws Exception {
        try (FakeGuest guest = FakeGuest.hangingUp()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null, "binary")) {
                assertThat(console.awaitClose(WAIT)).isEqualTo("1000 guest closed the port");
            }
        }
    }

    @Test
    void aGuestHangingUpWhileInputStillArrivesClosesWithAReasonNeverADroppedConnection() throws Exception {
        // A shell's "exit": the guest closes after the first input while the browser still types.
        // The proxy's next write to it fails; that failure once made Jetty drop the websocket
        // without a close frame (the page showed "connection lost"), racing the guest-closed reason.
        // A guest per attempt: the previous console's end reaches consoleauth asynchronously, and
        // its writer slot is not what this test is about.
        for (int attempt = 0; attempt < 30; attempt++) {
            try (FakeGuest guest = FakeGuest.hangingUpAfterInput()) {
                String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
                try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null, "binary")) {
                    console.send("exit\r".getBytes(StandardCharsets.UTF_8));
                    for (int key = 0; key < 20; key++) {
                        try {
                            console.send(new byte[] {'x'});
                        } catch (ExecutionException closedMeanwhile) {
                            break;
                        }
                    }
                    assertThat(console.awaitClose(WAIT)).as("attempt %d", attempt)
                            .isIn("1000 guest closed the port", "1011 guest serial port failed");
                }
            }
        }
    }

    @Test
    void unreachableGuestClosesTheConsoleWithAReason() throws Exception {
        int deadPort;
        try (FakeGuest guest = FakeGuest.echo()) {
            deadPort = guest.port();
        }
        String token = CONSOLEAUTH.grant("127.0.0.1", deadPort);
        try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null, "binary")) {
            assertThat(console.awaitClose(WAIT)).isEqualTo("1011 guest serial port unreachable");
        }
    }

    @Test
    void servesTheTerminalPageAndXtermFromTheStaticJar() throws Exception {
        HttpResponse<String> page = get("/serial.html?token=abc");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").containsIgnoringCase("utf-8");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("<script src=\"xterm.js\"></script>").contains("serial.js");

        HttpResponse<String> xterm = get("/xterm.js");
        assertThat(xterm.statusCode()).isEqualTo(200);
        assertThat(xterm.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(xterm.body()).contains("Terminal");
        assertThat(get("/addon-fit.js").body()).contains("FitAddon");
        assertThat(get("/xterm.css").statusCode()).isEqualTo(200);
        assertThat(get("/serial.js").body()).contains("binaryType");
        assertThat(get("/").body()).contains("xterm.js");
    }

    @Test
    void unknownFilesAndOtherMethodsGetJsonErrors() throws Exception {
        HttpResponse<String> missing = get("/nope.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"reason\":\"not_found\"");
        assertThat(get("/%2e%2e/%2e%2e/etc/passwd").statusCode()).isBetween(400, 404);
        HttpResponse<String> post = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/serial.html"))
                        .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).contains("method_not_allowed");
    }

    @Test
    void theRequestLogNeverContainsATokenOrItsQueryString() throws Exception {
        String marker = "tok-marker-" + System.nanoTime();
        get("/serial.html?token=" + marker);
        RawUpgrade.send(APP.getLocalPort(), "/?token=" + marker, Map.of());
        // The request log is written asynchronously: wait for the page request's line.
        long deadline = System.nanoTime() + WAIT.toNanos();
        String log = "";
        while (System.nanoTime() < deadline) {
            log = Files.exists(REQUEST_LOG) ? Files.readString(REQUEST_LOG) : "";
            if (log.contains("GET /serial.html ")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(log).contains("GET /serial.html ");
        assertThat(log).doesNotContain(marker).doesNotContain("token=");
    }

    @Test
    void viewersSeeTheWritersOutputAndCannotType() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String writerToken = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            String viewerToken = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient writer = ConsoleClient.open(ws("/?token=" + writerToken), null, "binary")) {
                writer.send(new byte[] {'w'});
                writer.awaitBytes(1, WAIT); // the console is open
                try (ConsoleClient viewer = ConsoleClient.open(ws("/?mode=view&token=" + viewerToken), null, "binary")) {
                    viewer.send("rm -rf /\n".getBytes(StandardCharsets.UTF_8)); // dropped
                    // The viewer joins on the server a moment after its 101: type until it sees output.
                    int typed = 0;
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (viewer.awaitBytes(1, Duration.ofMillis(100)).length == 0 && System.nanoTime() < deadline) {
                        writer.send(new byte[] {'x'});
                        typed++;
                    }
                    writer.send(new byte[] {'y'});
                    String seen = "";
                    while (!seen.endsWith("y") && System.nanoTime() < deadline + WAIT.toNanos()) {
                        seen = new String(viewer.awaitBytes(seen.length() + 1, Duration.ofMillis(200)), StandardCharsets.US_ASCII);
                    }
                    assertThat(seen).matches("x+y");
                    assertThat(new String(writer.awaitBytes(2 + typed, WAIT), StandardCharsets.US_ASCII))
                            .isEqualTo("w" + "x".repeat(typed) + "y");
                    Thread.sleep(200);
                    assertThat(new String(guest.received(), StandardCharsets.UTF_8)).isEqualTo("w" + "x".repeat(typed) + "y");
                    writer.close();
                    assertThat(viewer.awaitClose(WAIT)).isEqualTo("4002 console closed by its writer");
                }
            }
        }
    }

    @Test
    void aViewerOfAConsoleWithoutWriterIsRefused() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/?mode=view&token=" + token, Map.of());
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body()).contains("\"reason\":\"console_not_open\"");
            RawUpgrade.Answer badMode = RawUpgrade.send(APP.getLocalPort(), "/?mode=admin&token=" + token, Map.of());
            assertThat(badMode.status()).isEqualTo(400);
            assertThat(badMode.body()).contains("mode_invalid");
            assertThat(guest.connections()).isZero();
        }
    }

    @Test
    void consoleCheckTellsThePageWhyAnUpgradeWouldBeRefused() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            HttpResponse<String> ok = get("/console-check?token=" + token);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("ok");
            HttpResponse<String> bad = get("/prefix/console-check?token=nope");
            assertThat(bad.statusCode()).isEqualTo(401);
            assertThat(bad.body()).contains("invalid token");
            try (ConsoleClient writer = ConsoleClient.open(ws("/?token=" + token), null, "binary")) {
                writer.send(new byte[] {'1'});
                writer.awaitBytes(1, WAIT);
                HttpResponse<String> busy = get("/console-check?token=" + token);
                assertThat(busy.statusCode()).isEqualTo(409);
                assertThat(busy.body()).contains("console in use");
            }
            assertThat(guest.connections()).isEqualTo(1);
        }
    }

    @Test
    void aStreamingGuestArrivesWholeAndInOrder() throws Exception {
        int total = 8 * 1024 * 1024;
        try (PatternGuest guest = new PatternGuest(total)) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null, "binary")) {
                byte[] got = console.awaitBytes(total, Duration.ofSeconds(60));
                assertThat(got).hasSize(total);
                for (int i = 0; i < total; i++) {
                    if (got[i] != PatternGuest.at(i)) {
                        throw new AssertionError("byte " + i + " is " + got[i] + ", expected " + PatternGuest.at(i));
                    }
                }
                assertThat(console.awaitClose(WAIT)).isEqualTo("1000 guest closed the port");
            }
        }
    }

    @Test
    void aBrowserThatNeverReadsStopsTheProxyReadingTheGuest() throws Exception {
        try (FloodGuest guest = new FloodGuest()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (java.net.Socket stalled = new java.net.Socket("127.0.0.1", APP.getLocalPort())) {
                stalled.setReceiveBufferSize(64 * 1024);
                String upgrade = "GET /?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
                stalled.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
                byte[] head = new byte[12];
                assertThat(stalled.getInputStream().readNBytes(head, 0, 12)).isEqualTo(12);
                assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
                // Now never read again: the proxy must stop reading the guest, not buffer its output.
                long settled = awaitStall(guest);
                Thread.sleep(1500);
                assertThat(guest.written()).isEqualTo(settled);
                // Only socket buffers hold the backlog (a few MB), never the proxy's heap.
                assertThat(settled).isLessThan(64L * 1024 * 1024);
            }
        }
    }

    @Test
    void aPasteIntoAGuestThatReadsLateArrivesWholeAndInOrder() throws Exception {
        // More than every socket buffer between the client and the guest holds: frames must wait
        // in the client (not the proxy) until the guest reads, and none may be lost or reordered.
        int frames = 2048;
        int frameSize = 4096;
        try (LateReadingGuest guest = new LateReadingGuest(Duration.ofSeconds(2))) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null, "binary")) {
                java.util.concurrent.atomic.AtomicReference<Exception> pasteFailed = new java.util.concurrent.atomic.AtomicReference<>();
                Thread paste = new Thread(() -> {
                    try {
                        for (int f = 0; f < frames; f++) {
                            byte[] frame = new byte[frameSize];
                            for (int i = 0; i < frameSize; i++) {
                                frame[i] = PatternGuest.at(f * frameSize + i);
                            }
                            console.send(frame);
                        }
                    } catch (Exception e) {
                        pasteFailed.set(e);
                    }
                }, "paste");
                paste.start();
                int total = frames * frameSize;
                byte[] got = guest.awaitBytes(total, Duration.ofSeconds(60));
                paste.join(10_000);
                assertThat(pasteFailed.get()).isNull();
                assertThat(got).hasSize(total);
                for (int i = 0; i < total; i++) {
                    if (got[i] != PatternGuest.at(i)) {
                        throw new AssertionError("byte " + i + " is " + got[i] + ", expected " + PatternGuest.at(i));
                    }
                }
                console.send("still open".getBytes(StandardCharsets.US_ASCII));
                assertThat(guest.awaitBytes(total + 10, WAIT)).hasSize(total + 10);
            }
        }
    }

    /** Waits until the flooding guest stops making progress; returns how much it wrote. */
    private static long awaitStall(FloodGuest guest) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = guest.written();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("guest never stalled; wrote " + guest.written() + " bytes");
    }

    @Test
    void prometheusMetricsCountRefusalsBytesAndSessions() throws Exception {
        RawUpgrade.send(APP.getLocalPort(), "/?token=metrics-unknown", Map.of());
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null, "binary")) {
                console.send(new byte[] {'m'});
                console.awaitBytes(1, WAIT);
                String metrics = get("/admin/prometheus").body();
                assertThat(metrics)
                        .contains("serialproxy_refusals_total{reason=\"token_unknown\"}")
                        .contains("serialproxy_sessions_active{role=\"writer\"}")
                        .contains("serialproxy_bytes_total{direction=\"to_guest\"}")
                        .contains("serialproxy_connect_latency_seconds_count")
                        .doesNotContain("tok-");
                assertThat(metrics).containsPattern("serialproxy_sessions_active\\{role=\"writer\"\\} [1-9]");
            }
        }
    }

    @Test
    void oldClientsSpeakingBase64GetBase64TextFrames() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            try (ConsoleClient console = ConsoleClient.open(ws("/?token=" + token), null, "base64")) {
                assertThat(console.acceptedSubprotocol()).isEqualTo("base64");
                byte[] sent = "ls -l ✓\r".getBytes(StandardCharsets.UTF_8);
                console.sendText(java.util.Base64.getEncoder().encodeToString(sent));
                long deadline = System.nanoTime() + WAIT.toNanos();
                java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream();
                while (System.nanoTime() < deadline) {
                    decoded.reset();
                    for (String frame : console.texts().split("\n")) {
                        decoded.write(java.util.Base64.getDecoder().decode(frame));
                    }
                    if (decoded.size() >= sent.length) {
                        break;
                    }
                    Thread.sleep(20);
                }
                assertThat(decoded.toByteArray()).isEqualTo(sent);
                assertThat(guest.received()).isEqualTo(sent);
            }
        }
    }

    @Test
    void aTokenCookieIsAcceptedWhenTheQueryHasNone() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/",
                    Map.of("Cookie", "theme=dark; token=" + token, "Sec-WebSocket-Protocol", "binary"));
            assertThat(answer.status()).isEqualTo(101);
            assertThat(answer.head()).containsIgnoringCase("Sec-WebSocket-Protocol: binary");
        }
    }

    @Test
    void anHttpPageMayNotDriveAConsolePublishedOverHttpsAndViceVersa() throws Exception {
        try (FakeGuest guest = FakeGuest.echo()) {
            String token = CONSOLEAUTH.grant("127.0.0.1", guest.port());
            // base_url is http://...: an https page on the same host does not match, as in Nova.
            RawUpgrade.Answer answer = RawUpgrade.send(APP.getLocalPort(), "/?token=" + token,
                    Map.of("Origin", "https://127.0.0.1:" + APP.getLocalPort()));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body()).contains("origin_scheme_mismatch");
            assertThat(guest.connections()).isZero();
        }
    }

    @Test
    void theConsoleauthHealthCheckIsHealthy() throws Exception {
        HttpResponse<String> health = get("/admin/healthcheck");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("consoleauth");
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
