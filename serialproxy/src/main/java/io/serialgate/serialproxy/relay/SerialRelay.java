package io.serialgate.serialproxy.relay;

import io.serialgate.common.contract.TokenBinding;
import io.serialgate.serialproxy.core.PortClaims;
import io.serialgate.serialproxy.sessions.ConsoleSessionHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console: the websocket of the port's one writer bridged to the TCP serial port of a guest,
 * with any number of read-only {@link ConsoleViewer}s receiving the same output.
 *
 * <p>Both directions are callback driven, so no thread is parked per console, and both are
 * bounded: the guest socket is read by its {@link GuestSocket} (one websocket send in flight, the
 * next read after it), and the next websocket frame is demanded only after the previous one was
 * fully written to the guest (explicit demand: Jetty's auto-demand would deliver the next frame as
 * soon as the handler returns, a second write while the first still waits for a slow guest). A
 * stalled browser therefore stops the proxy reading the guest, and a guest that reads slowly stops
 * it reading the browser, instead of growing its memory. Viewers never slow the writer: each has a
 * bounded backlog and is dropped when it overflows.
 *
 * <p>No handler blocks: unless sessions are recorded, frames are handled on the selector thread
 * that read them (see {@code WebSocketOnSelectorEndPoint}).
 *
 * <p>Threads: {@code onWebSocket*} run on Jetty's threads; guest output on the guest connector's
 * selector thread (or its pool when recording); websocket send completions on Jetty's threads;
 * {@link #tick} on the registry's timer thread.
 */
public final class SerialRelay implements Session.Listener, ConsoleEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(SerialRelay.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final TokenBinding binding;
    private final PortClaims<SerialRelay>.Claim claim;
    private final String remote;
    private final RelaySettings settings;
    private final long requestedAtNanos;
    private final Framing framing;
    private final ConsoleSessionHandle consoleSession;
    private volatile SessionRecorder recorder = SessionRecorder.OFF;
    private volatile GuestSocket guest; // set once connected, before the first frame is demanded
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicLong bytesToGuest = new AtomicLong();
    private final AtomicLong bytesToBrowser = new AtomicLong();
    private final Set<ConsoleViewer> viewers = new CopyOnWriteArraySet<>();
    private final GuestConnection guestConnection;
    private volatile CompletableFuture<byte[]> replay = CompletableFuture.completedFuture(new byte[0]);
    private volatile Session session;
    private volatile long lastDataNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();

    public SerialRelay(TokenBinding binding, PortClaims<SerialRelay>.Claim claim, String remote, RelaySettings settings,
            long requestedAtNanos, Framing framing, ConsoleSessionHandle consoleSession, GuestConnection guestConnection) {
        this.guestConnection = guestConnection;
        this.consoleSession = consoleSession;
        this.framing = framing;
        this.binding = binding;
        this.claim = claim;
        this.remote = remote;
        this.settings = settings;
        this.requestedAtNanos = requestedAtNanos;
    }

    @Override
    public Role role() {
        return Role.WRITER;
    }

    Framing framing() {
        return framing;
    }

    public TokenBinding binding() {
        return binding;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        consoleSession.attach(this);
        settings.registry().add(this);
        // Fetched while the guest socket connects; sent before the first live byte.
        replay = settings.replay().fetch(binding);
        guestConnection.connected().whenComplete((ch, failure) -> {
            if (failure != null) {
                finish(CloseReasons.GUEST_UNREACHABLE, CloseReasons.GUEST_UNREACHABLE_TEXT, failure);
            } else {
                connected(ch);
                // The first frame only now: until the guest is connected the browser's frames wait
                // in its socket. Demanding at once let a first keystroke that beat the guest
                // connect be written, and the next frame demanded, from the connector's thread
                // just as Jetty's reading thread was leaving its parse loop; in about 1 of 6,000
                // benchmark connects the websocket was then never read again (Jetty 12.1.5:
                // demand state DEMANDING, fillingAndParsing set, no read registered), so even
                // the browser's close went unseen until a keepalive ping failed.
                session.demand();
            }
        });
    }

    /** Runs once the TCP connect to the guest succeeded (connector thread, or inline in onWebSocketOpen). */
    private void connected(GuestSocket socket) {
        settings.metrics().connectLatency(System.nanoTime() - requestedAtNanos);
        settings.metrics().connected(Role.WRITER);
        LOG.info("event=console_connected role=writer session={} instance={} port_index={} guest={}:{} remote={}",
                consoleSession.sessionId(), binding.instanceUuid(), binding.portIndex(), binding.host(), binding.port(), remote);
        recorder = settings.recorderFor(binding);
        // Viewers may join from now on.
        claim.attach(this);
        guest = socket;
        boolean recording = recorder != SessionRecorder.OFF;
        replay.thenAccept(recent -> {
            if (recent.length == 0 || finished.get()) {
                socket.start(new ToBrowser(), recording);
                return;
            }
            bytesToBrowser.addAndGet(recent.length);
            settings.metrics().bytesToBrowser(recent.length);
            framing.send(session, ByteBuffer.wrap(recent), Callback.from(
                    () -> socket.start(new ToBrowser(), recording),
                    failure -> finish(CloseReasons.BROWSER_FAILED, CloseReasons.BROWSER_FAILED_TEXT, failure)));
        });
    }

    /** Guest -> browser: what happens to each chunk the {@link GuestSocket} reads. */
    private final class ToBrowser implements GuestSocket.Sink {
        @Override
        public void send(ByteBuffer chunk, Runnable sent) {
            int n = chunk.remaining();
            recorder.output(chunk);
            lastDataNanos = System.nanoTime();
            bytesToBrowser.addAndGet(n);
            settings.metrics().bytesToBrowser(n);
            if (!viewers.isEmpty()) {
                byte[] copy = new byte[n];
                chunk.duplicate().get(copy);
                for (ConsoleViewer viewer : viewers) {
                    viewer.offer(copy);
                }
            }
            framing.send(session, chunk, Callback.from(sent,
                    failure -> finish(CloseReasons.BROWSER_FAILED, CloseReasons.BROWSER_FAILED_TEXT, failure)));
        }

        @Override
        public void guestClosed() {
            finish(CloseReasons.GUEST_CLOSED, CloseReasons.GUEST_CLOSED_TEXT, null);
        }

        @Override
        public void guestFailed(Throwable failure) {
            finish(CloseReasons.GUEST_UNREACHABLE, CloseReasons.GUEST_FAILED_TEXT, failure);
        }

        @Override
        public boolean finished() {
            return finished.get();
        }
    }

    /** Browser -> guest: write the whole frame, then complete its callback and demand the next frame. */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        GuestSocket connectedGuest = guest;
        if (connectedGuest != null) {
            writeGuest(connectedGuest, payload, callback);
            return;
        }
        guestConnection.connected().whenComplete((socket, failure) -> {
            if (failure != null) {
                // The frame is done with: onWebSocketOpen's own handler of this failure closes the
                // console with its reason (failing the frame would have Jetty drop the connection first).
                callback.succeed();
            } else {
                writeGuest(socket, payload, callback);
            }
        });
    }

    /**
     * Text frames: base64 for base64 clients; otherwise typed text from generic websocket clients
     * (websocat), sent to the guest as UTF-8. The text was copied out of the frame, so there is
     * nothing to release once written.
     */
    @Override
    public void onWebSocketText(String text) {
        byte[] bytes;
        try {
            bytes = framing.fromText(text);
        } catch (IllegalArgumentException e) {
            finish(1007, "invalid base64 frame", e);
            return;
        }
        onWebSocketBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
    }

    private void writeGuest(GuestSocket socket, ByteBuffer payload, Callback callback) {
        int size = payload.remaining();
        recorder.input(payload);
        lastDataNanos = System.nanoTime();
        socket.write(payload, org.eclipse.jetty.util.Callback.from(() -> {
            bytesToGuest.addAndGet(size);
            settings.metrics().bytesToGuest(size);
            callback.succeed();
            session.demand(); // only now: one write to the guest at a time, the rest waits in the browser
        }, failure -> {
            // Not callback.fail: Jetty answers a failed frame by dropping the connection without a
            // close frame, so the page saw 1006 "connection lost" instead of why the console ended
            // (seen in BrowserTerminalTest: a guest that hangs up on "exit" makes the write of the
            // Enter that follows fail, racing the guest-closed reason). The frame is done with;
            // the close says what happened. A write that fails with an I/O error (broken pipe,
            // reset) found the guest's end closed: the same ending as reading its EOF.
            callback.succeed();
            if (failure instanceof IOException) {
                finish(CloseReasons.GUEST_CLOSED, CloseReasons.GUEST_CLOSED_TEXT, failure);
            } else {
                finish(CloseReasons.GUEST_UNREACHABLE, CloseReasons.GUEST_FAILED_TEXT, failure);
            }
        }));
    }

    /** A viewer joins; false when this console already ended. */
    boolean addViewer(ConsoleViewer viewer) {
        viewers.add(viewer);
        if (finished.get()) {
            viewers.remove(viewer);
            return false;
        }
        return true;
    }

    void removeViewer(ConsoleViewer viewer) {
        viewers.remove(viewer);
    }

    @Override
    public void tick(long nowNanos) {
        if (settings.endAtTokenExpiry() && binding.expiresAt() != null
                && !java.time.Instant.now().isBefore(binding.expiresAt())) {
            finish(CloseReasons.TOKEN_EXPIRED, CloseReasons.TOKEN_EXPIRED_TEXT, null);
            return;
        }
        long idle = settings.idleTimeout().toNanos();
        if (idle > 0 && nowNanos - lastDataNanos >= idle) {
            finish(CloseReasons.IDLE_TIMEOUT, CloseReasons.IDLE_TIMEOUT_TEXT, null);
            return;
        }
        long keepalive = settings.keepalive().toNanos();
        Session s = session;
        if (keepalive > 0 && s != null && s.isOpen() && nowNanos - lastPingNanos >= keepalive) {
            lastPingNanos = nowNanos;
            s.sendPing(EMPTY.duplicate(), Callback.NOOP);
        }
    }

    @Override
    public void end(int code, String reason) {
        finish(code, reason, null);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        release("browser", statusCode, reason, null);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        release("error", 1011, cause.getClass().getSimpleName(), cause);
    }

    /** Ends the console from the proxy's side: close the websocket with a code and reason the page shows. */
    private void finish(int code, String reason, Throwable cause) {
        if (release("proxy", code, reason, cause)) {
            CloseFrames.close(session, code, reason, "writer", consoleSession.sessionId());
        }
    }

    /** Releases the guest socket, the port claim and the viewers exactly once; true for the caller that did it. */
    private boolean release(String closedBy, int code, String reason, Throwable cause) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        guestConnection.close();
        claim.release();
        consoleSession.ended(closedBy, code, reason);
        recorder.close();
        settings.registry().remove(this);
        boolean writerLeft = "browser".equals(closedBy) || "error".equals(closedBy);
        for (ConsoleViewer viewer : viewers) {
            if (writerLeft) {
                viewer.end(CloseReasons.WRITER_LEFT, CloseReasons.WRITER_LEFT_TEXT);
            } else {
                viewer.end(code, reason);
            }
        }
        viewers.clear();
        settings.metrics().closed(reason);
        LOG.info("event=console_closed role=writer session={} instance={} port_index={} closed_by={} code={} reason=\"{}\" "
                        + "bytes_to_guest={} bytes_to_browser={}{}",
                consoleSession.sessionId(), binding.instanceUuid(), binding.portIndex(), closedBy, code, reason,
                bytesToGuest.get(), bytesToBrowser.get(),
                cause == null ? "" : " cause=" + cause.getClass().getSimpleName());
        return true;
    }
}
