package io.serialgate.client.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Relays one serial console: keys from stdin to the websocket, the guest's bytes from the
 * websocket to stdout. The websocket side runs on the HttpClient's threads (one callback at a
 * time, as {@link WebSocket.Listener} guarantees); stdin is read by one daemon thread because a
 * blocking read is the only way Java reads a terminal. {@link #relay} waits on the calling thread
 * until one side ends and tells how.
 *
 * <p>Detaching (the escape byte) closes the websocket normally, then keeps printing what the
 * guest already sent until the proxy's close arrives, so no answer in flight is lost.
 */
public final class ConsoleRelay implements WebSocket.Listener {

    /** Ctrl-], the escape character of telnet and {@code virsh console}. */
    public static final int ESCAPE = 0x1d;

    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /** After stdin ends, the guest's output must be quiet this long before the console is closed. */
    static final Duration QUIET_AFTER_INPUT = Duration.ofMillis(700);
    static final Duration MAX_LINGER_AFTER_INPUT = Duration.ofSeconds(10);

    private final OutputStream screen;
    private final boolean viewOnly;
    private final CompletableFuture<Ending> remoteEnd = new CompletableFuture<>();
    private final CompletableFuture<Ending> localEnd = new CompletableFuture<>();
    private volatile long lastOutputNanos = System.nanoTime();
    /** The JDK's WebSocket allows one binary send at a time; keys and size updates take turns. */
    private final Object sendLock = new Object();
    private volatile WebSocket socket;

    /**
     * @param screen   where the guest's output goes
     * @param viewOnly a viewer: keys are not sent (the proxy would drop them), only Ctrl-] is watched for
     */
    public ConsoleRelay(OutputStream screen, boolean viewOnly) {
        this.screen = screen;
        this.viewOnly = viewOnly;
    }

    // --- websocket side: HttpClient threads, one call at a time -------------------------------

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        show(bytes);
        webSocket.request(1);
        return null;
    }

    /** serialproxy speaks binary; text frames are shown all the same rather than dropped. */
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        show(data.toString().getBytes(StandardCharsets.UTF_8));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (statusCode == CloseCodes.ABNORMAL) {
            // The JDK reports a connection that ended without a close frame as 1006: nobody closed it.
            remoteEnd.complete(new Ending.ConnectionLost(new java.io.EOFException("connection closed without a close frame")));
            return null;
        }
        remoteEnd.complete(new Ending.ClosedByProxy(statusCode, reason == null ? "" : reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        remoteEnd.complete(new Ending.ConnectionLost(error));
    }

    private void show(byte[] bytes) {
        lastOutputNanos = System.nanoTime();
        try {
            screen.write(bytes);
            screen.flush();
        } catch (IOException e) {
            // Nobody reads our output any more (a closed pipe): end as if the user detached.
            localEnd.complete(new Ending.Detached());
        }
    }

    // --- the calling thread ----------------------------------------------------------------------

    /** Relays until the user detaches, stdin ends, or the proxy closes or drops the connection. */
    public Ending relay(WebSocket webSocket, InputStream keys) {
        Thread pump = new Thread(() -> pumpKeys(webSocket, keys), "serialgate-console-keys");
        pump.setDaemon(true);
        pump.start();
        try {
            CompletableFuture.anyOf(localEnd, remoteEnd).get();
            if (remoteEnd.isDone()) {
                return remoteEnd.join();
            }
            Ending local = localEnd.join();
            if (local instanceof Ending.InputEnded) {
                Ending remote = awaitQuiet();
                if (remote != null) {
                    return remote;
                }
            }
            close(webSocket, local instanceof Ending.Detached ? "detached" : "input ended");
            return local;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            webSocket.abort();
            return new Ending.Detached();
        } catch (ExecutionException e) {
            return new Ending.ConnectionLost(e.getCause());
        }
    }

    /** Stdin thread: sends what is typed, stops at the escape byte or the end of input. */
    private void pumpKeys(WebSocket webSocket, InputStream keys) {
        byte[] buffer = new byte[4096];
        while (!remoteEnd.isDone()) {
            int read;
            try {
                read = keys.read(buffer);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                localEnd.complete(new Ending.InputEnded());
                return;
            }
            int escapeAt = indexOf(buffer, read, (byte) ESCAPE);
            int toSend = escapeAt < 0 ? read : escapeAt;
            if (toSend > 0 && !viewOnly && !send(webSocket, Arrays.copyOf(buffer, toSend))) {
                return;
            }
            if (escapeAt >= 0) {
                localEnd.complete(new Ending.Detached());
                return;
            }
        }
    }

    /**
     * Sends bytes to the guest as if typed, from any thread (the window-size sync uses it);
     * false once the connection is closing. Nothing is sent for a viewer.
     */
    public boolean sendToGuest(byte[] bytes) {
        WebSocket webSocket = socket;
        return webSocket != null && !viewOnly && !remoteEnd.isDone() && send(webSocket, bytes);
    }

    private boolean send(WebSocket webSocket, byte[] bytes) {
        try {
            synchronized (sendLock) {
                webSocket.sendBinary(ByteBuffer.wrap(bytes), true).get();
            }
            return true;
        } catch (ExecutionException | IllegalStateException e) {
            // The connection is closing or broken; the listener reports how.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for the guest to go quiet after stdin ended; the proxy's ending if it comes first. */
    private Ending awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + MAX_LINGER_AFTER_INPUT.toNanos();
        while (System.nanoTime() < deadline) {
            long quietFor = System.nanoTime() - lastOutputNanos;
            long left = QUIET_AFTER_INPUT.toNanos() - quietFor;
            if (left <= 0) {
                return null;
            }
            try {
                return remoteEnd.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // loop: output may have arrived meanwhile
            } catch (ExecutionException e) {
                return new Ending.ConnectionLost(e.getCause());
            }
        }
        return null;
    }

    /** A normal close, then the guest's last bytes until the proxy answers the close (or a time-out). */
    private void close(WebSocket webSocket, String reason) throws InterruptedException {
        try {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, reason).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            remoteEnd.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            webSocket.abort();
        }
    }

    private static int indexOf(byte[] buffer, int length, byte wanted) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
