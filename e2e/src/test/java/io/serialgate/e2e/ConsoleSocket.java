package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A console as a non-browser client sees it: a websocket (subprotocol {@code binary}) to the
 * proxy, everything the guest sends collected as text, and how and when the console closed.
 */
final class ConsoleSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StringBuilder screen = new StringBuilder();
    private WebSocket socket;
    private int closeCode = -1;
    private String closeReason;
    private Throwable error;
    private long closedAtNanos;

    /** Opens the console, or returns the HTTP status the proxy refused the upgrade with (socket null). */
    static Attempt open(String consoleUrl, String origin) {
        ConsoleSocket console = new ConsoleSocket();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().subprotocols("binary").connectTimeout(Duration.ofSeconds(15));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            console.socket = builder.buildAsync(URI.create(consoleUrl.replaceFirst("^http", "ws")), console.listener()).join();
            return new Attempt(console, 101);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Attempt(null, refused.getResponse().statusCode());
            }
            throw e;
        }
    }

    static ConsoleSocket open(String consoleUrl) {
        Attempt attempt = open(consoleUrl, null);
        assertThat(attempt.status()).as("websocket upgrade of %s", redact(consoleUrl)).isEqualTo(101);
        return attempt.console();
    }

    record Attempt(ConsoleSocket console, int status) {}

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                append(StandardCharsets.UTF_8.decode(data).toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                append(data.toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                synchronized (screen) {
                    closeCode = statusCode;
                    closeReason = reason;
                    closedAtNanos = System.nanoTime();
                    screen.notifyAll();
                }
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable failure) {
                synchronized (screen) {
                    error = failure;
                    closedAtNanos = System.nanoTime();
                    screen.notifyAll();
                }
            }
        };
    }

    private void append(String text) {
        synchronized (screen) {
            screen.append(text);
            screen.notifyAll();
        }
    }

    void type(String text) {
        socket.sendBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true).join();
    }

    /** Presses Enter until the guest's shell prompt shows (the guest printed its first one before we came). */
    void awaitPrompt() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            type("\r");
            if (waitUntil(s -> s.contains("# "), 3000)) {
                return;
            }
            assertThat(System.nanoTime()).as("no shell prompt from the guest within 60 s; got: %s", printable()).isLessThan(deadline);
        }
    }

    /** Waits for {@code expected} in everything received so far. */
    void awaitText(String expected, Duration timeout) throws InterruptedException {
        boolean seen = waitUntil(s -> s.contains(expected), timeout.toMillis());
        assertThat(seen).as("waiting %s for \"%s\" from the guest; got: %s", timeout, expected, printable()).isTrue();
    }

    /** Waits for the console to close; returns false on timeout. */
    boolean awaitClose(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (screen) {
            while (closedAtNanos == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                screen.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    private boolean waitUntil(java.util.function.Predicate<String> condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (screen) {
            while (!condition.test(screen.toString())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                screen.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    String text() {
        synchronized (screen) {
            return screen.toString();
        }
    }

    /** Forgets what was received so far (to check that nothing new arrives). */
    void clear() {
        synchronized (screen) {
            screen.setLength(0);
        }
    }

    String printable() {
        return text().replace("\r", "\\r").replace("\n", "\\n");
    }

    int closeCode() {
        synchronized (screen) {
            return closeCode;
        }
    }

    String closeReason() {
        synchronized (screen) {
            return closeReason;
        }
    }

    Throwable error() {
        synchronized (screen) {
            return error;
        }
    }

    long closedAtNanos() {
        synchronized (screen) {
            return closedAtNanos;
        }
    }

    static String redact(String url) {
        return url.replaceAll("token=[^&]*", "token=***");
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                socket.abort();
            }
        }
    }
}
