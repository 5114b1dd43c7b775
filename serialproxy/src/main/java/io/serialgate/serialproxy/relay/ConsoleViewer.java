package io.serialgate.serialproxy.relay;

import io.serialgate.serialproxy.sessions.ConsoleSessionHandle;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only console ({@code ?mode=view}): receives the same guest output as the writer, and its
 * input is dropped (the spec forbids muxing input, not output). A viewer that falls more than
 * {@link RelaySettings#viewerBufferBytes()} behind is dropped rather than allowed to slow the
 * writer or grow the proxy's memory.
 */
public final class ConsoleViewer implements Session.Listener.AutoDemanding, ConsoleEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleViewer.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int MAX_FRAME = GuestSocket.MAX_READ_BUFFER;

    private final SerialRelay writer;
    private final String remote;
    private final RelaySettings settings;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ByteArrayOutputStream backlog = new ByteArrayOutputStream();
    private boolean sending; // guarded by backlog
    private volatile Session session;
    private volatile long lastPingNanos = System.nanoTime();

    private final Framing framing;

    private final ConsoleSessionHandle consoleSession;

    public ConsoleViewer(SerialRelay writer, String remote, RelaySettings settings, Framing framing,
            ConsoleSessionHandle consoleSession) {
        this.consoleSession = consoleSession;
        this.writer = writer;
        this.framing = framing;
        this.remote = remote;
        this.settings = settings;
    }

    @Override
    public Role role() {
        return Role.VIEWER;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        consoleSession.attach(this);
        settings.registry().add(this);
        boolean replaying = settings.replay().enabled();
        if (replaying) {
            // Live output piles up in the backlog until the replay was sent, then follows it.
            synchronized (backlog) {
                sending = true;
            }
        }
        if (!writer.addViewer(this)) {
            end(CloseReasons.WRITER_LEFT, CloseReasons.WRITER_LEFT_TEXT);
            return;
        }
        if (replaying) {
            settings.replay().fetch(writer.binding()).thenAccept(recent -> {
                if (recent.length == 0) {
                    sent();
                } else {
                    send(recent);
                }
            });
        }
        settings.metrics().connected(Role.VIEWER);
        LOG.info("event=console_connected role=viewer session={} instance={} port_index={} remote={}",
                consoleSession.sessionId(), writer.binding().instanceUuid(), writer.binding().portIndex(), remote);
    }

    /** Called on the writer's guest-read thread with a private copy of each output chunk. */
    void offer(byte[] chunk) {
        byte[] toSend;
        synchronized (backlog) {
            if (finished.get()) {
                return;
            }
            if (sending) {
                if (backlog.size() + chunk.length > settings.viewerBufferBytes()) {
                    toSend = null;
                } else {
                    backlog.write(chunk, 0, chunk.length);
                    return;
                }
            } else {
                sending = true;
                toSend = chunk;
            }
        }
        if (toSend == null) {
            end(CloseReasons.VIEWER_TOO_SLOW, CloseReasons.VIEWER_TOO_SLOW_TEXT);
            return;
        }
        send(toSend);
    }

    private void send(byte[] bytes) {
        settings.metrics().bytesToBrowser(bytes.length);
        framing.send(session, ByteBuffer.wrap(bytes), Callback.from(this::sent,
                failure -> end(CloseReasons.BROWSER_FAILED, CloseReasons.BROWSER_FAILED_TEXT)));
    }

    /** A send completed (on a Jetty thread): send what piled up meanwhile, as one frame. */
    private void sent() {
        byte[] next;
        synchronized (backlog) {
            if (backlog.size() == 0) {
                sending = false;
                return;
            }
            byte[] all = backlog.toByteArray();
            backlog.reset();
            if (all.length > MAX_FRAME) {
                // Many clients refuse messages over 64 KiB (Jetty's and websockify's default).
                next = java.util.Arrays.copyOf(all, MAX_FRAME);
                backlog.write(all, MAX_FRAME, all.length - MAX_FRAME);
            } else {
                next = all;
            }
        }
        send(next);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed(); // viewers may not type: input is dropped
    }

    @Override
    public void onWebSocketText(String text) {
        // dropped, as binary input is
    }

    @Override
    public void tick(long nowNanos) {
        long keepalive = settings.keepalive().toNanos();
        Session s = session;
        if (keepalive > 0 && s != null && s.isOpen() && nowNanos - lastPingNanos >= keepalive) {
            lastPingNanos = nowNanos;
            s.sendPing(EMPTY.duplicate(), Callback.NOOP);
        }
    }

    @Override
    public void end(int code, String reason) {
        if (release("proxy", code, reason)) {
            CloseFrames.close(session, code, reason, "viewer", consoleSession.sessionId());
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        release("browser", statusCode, reason);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        release("error", 1011, cause.getClass().getSimpleName());
    }

    private boolean release(String closedBy, int code, String reason) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        writer.removeViewer(this);
        consoleSession.ended(closedBy, code, reason);
        settings.registry().remove(this);
        synchronized (backlog) {
            backlog.reset();
        }
        settings.metrics().closed(reason);
        LOG.info("event=console_closed role=viewer session={} instance={} port_index={} closed_by={} code={} reason=\"{}\"",
                consoleSession.sessionId(), writer.binding().instanceUuid(), writer.binding().portIndex(), closedBy, code, reason);
        return true;
    }
}
