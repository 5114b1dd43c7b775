package io.serialgate.serialproxy.support;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** A real websocket console client (Jetty's), collecting everything the guest sends. */
public final class ConsoleClient implements AutoCloseable {

    private final WebSocketClient client = new WebSocketClient();
    private final ReceivedBytes received = new ReceivedBytes();
    private final StringBuilder texts = new StringBuilder(); // guarded by itself
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    private Session session;

    /** Opens a console; throws (ExecutionException wrapping UpgradeException) when refused. */
    public static ConsoleClient open(URI uri, String origin, String... subprotocols) throws Exception {
        ConsoleClient c = new ConsoleClient();
        c.client.start();
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        if (subprotocols.length > 0) {
            request.setSubProtocols(subprotocols);
        }
        if (origin != null) {
            request.setHeader("Origin", origin);
        }
        try {
            c.session = c.client.connect(c.new Listener(), request).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    public final class Listener extends Session.Listener.AbstractAutoDemanding {
        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            received.append(bytes, 0, bytes.length);
            callback.succeed();
        }

        @Override
        public void onWebSocketText(String text) {
            synchronized (texts) {
                texts.append(text).append('\n');
            }
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            pings.incrementAndGet();
            // Overriding onWebSocketPing turns Jetty's automatic pong off: answer it here.
            getSession().sendPong(payload, Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
        }
    }

    public int pings() {
        return pings.get();
    }

    public String acceptedSubprotocol() {
        return session.getUpgradeResponse().getAcceptedSubProtocol();
    }

    public void send(byte[] bytes) throws Exception {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.sendBinary(ByteBuffer.wrap(bytes), Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        sent.get(10, TimeUnit.SECONDS);
    }

    public void sendText(String text) throws Exception {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        sent.get(10, TimeUnit.SECONDS);
    }

    /** Text frames received so far, one per line. */
    public String texts() {
        synchronized (texts) {
            return texts.toString();
        }
    }

    /** Waits until at least n bytes arrived; returns all received so far. */
    public byte[] awaitBytes(int n, Duration timeout) throws InterruptedException {
        return received.await(n, timeout);
    }

    /** "code reason" once the server closed the console. */
    public String awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        if (session != null && session.isOpen()) {
            session.close(1000, "done", Callback.NOOP);
            try {
                closed.get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // server gone: nothing to wait for
            }
        }
        client.stop();
    }
}
