package io.serialgate.serialproxy.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * The TCP socket to one guest serial port, on Jetty's own selector (the same I/O model as the
 * browser's websocket). Guest output is read when the selector reports the socket readable and
 * is handed to a {@link Sink} on that same thread; the websocket send normally completes there as
 * well, so a byte from the guest reaches the browser's socket without a single thread hand-off.
 *
 * <p>Flow control: at most one chunk is being sent and one more waits for it; reading pauses
 * while a chunk waits, so a stalled browser stops the reading and the guest's TCP window, not the
 * proxy's memory, absorbs the backlog. Chunks are sent in the order they were read (two sends in
 * flight on one Jetty websocket were seen to reorder bytes). A quiet console holds no buffer at
 * all: one is taken from the pool when data arrives and returned once it is sent.
 *
 * <p>Reading runs on the selector thread only while nothing in the chain can block; with session
 * recording on (a file write per chunk) reads are dispatched to the connector's pool instead.
 */
final class GuestSocket extends AbstractConnection {

    /**
     * Read buffer bounds: small for the many interactive consoles, larger for a guest dumping
     * output. The maximum is also the largest frame sent: many websocket clients refuse messages
     * over 64 KiB (Jetty's and websockify's default).
     */
    static final int MIN_READ_BUFFER = 4 * 1024;
    static final int MAX_READ_BUFFER = 64 * 1024;

    /** Where chunks go and what the console does when the guest side ends. */
    interface Sink {
        /** Sends a chunk (position to limit); {@code sent} runs once its bytes may be reused. */
        void send(ByteBuffer chunk, Runnable sent);

        /** The guest closed its end of the serial port. */
        void guestClosed();

        /** Reading the guest failed (or the console was ended and the socket closed under the read). */
        void guestFailed(Throwable failure);

        /** True once the console ended: no further read is started. */
        boolean finished();
    }

    private final ByteBufferPool pool;
    private volatile Sink sink;
    private volatile Callback readable;
    private volatile boolean mayBlock;
    private int capacity = MIN_READ_BUFFER; // touched by the read loop only, which never runs twice at once
    // Guarded by this: a send is in flight; a chunk read meanwhile waits for it (and reading pauses).
    private boolean sending;
    private RetainableByteBuffer waiting;

    GuestSocket(EndPoint endPoint, Executor executor, ByteBufferPool pool) {
        super(endPoint, executor);
        this.pool = pool;
    }

    /**
     * Starts relaying guest output to {@code sink}. {@code mayBlock}: the sink may block (it writes
     * a recording), so reads must not run on the selector thread.
     */
    void start(Sink sink, boolean mayBlock) {
        this.sink = sink;
        this.mayBlock = mayBlock;
        this.readable = Callback.from(mayBlock ? Invocable.InvocationType.BLOCKING : Invocable.InvocationType.NON_BLOCKING,
                this::readLoop, this::onFillInterestedFailed);
        fillInterested(readable);
    }

    /** Browser to guest: writes the whole frame, then completes {@code done} (one write at a time). */
    void write(ByteBuffer payload, Callback done) {
        getEndPoint().write(done, payload);
    }

    /**
     * The capacity of the next read buffer: four times larger after a read that filled it (the
     * guest is streaming: fewer, larger frames), back to the minimum after a read that used less
     * than a sixteenth (interactive again), otherwise the same.
     */
    static int nextCapacity(int capacity, int bytesRead) {
        if (bytesRead == capacity && capacity < MAX_READ_BUFFER) {
            return Math.min(MAX_READ_BUFFER, capacity * 4);
        }
        if (capacity > MIN_READ_BUFFER && bytesRead < capacity / 16) {
            return MIN_READ_BUFFER;
        }
        return capacity;
    }

    @Override
    public void onFillable() {
        readLoop();
    }

    /**
     * Reads until the guest has nothing more, the console ended, or a chunk must wait for the send
     * in flight (then {@link #sent} resumes it). Interactive output (a read that did not fill its
     * buffer) is sent on this thread: no hand-off for a keystroke's echo. Streaming output (a full
     * buffer) is sent from the connector's pool while this thread reads the next chunk, so the two
     * copies of a bulk transfer (guest socket to proxy, proxy to browser socket) run on two cores.
     */
    private void readLoop() {
        Sink s = sink;
        while (!s.finished()) {
            RetainableByteBuffer buffer = pool.acquire(capacity, true);
            ByteBuffer bytes = buffer.getByteBuffer();
            int n;
            try {
                n = getEndPoint().fill(bytes);
            } catch (IOException | RuntimeException e) {
                buffer.release();
                s.guestFailed(e);
                return;
            }
            if (n == 0) {
                buffer.release();
                fillInterested(readable);
                return;
            }
            if (n < 0) {
                buffer.release();
                s.guestClosed();
                return;
            }
            boolean streaming = n == bytes.capacity();
            // A few bytes (a keystroke's echo, a prompt): the socket is most likely empty now.
            boolean trickle = n < bytes.capacity() / 16;
            capacity = nextCapacity(capacity, n);
            synchronized (this) {
                if (sending) {
                    waiting = buffer;
                    return; // sent() sends it and resumes reading
                }
                sending = true;
            }
            if (streaming && sendElsewhere(buffer)) {
                continue;
            }
            send(buffer);
            if (trickle) {
                // Wait for the selector instead of a read that would find nothing (one system
                // call less per keystroke echo); larger partial reads try again at once.
                fillInterested(readable);
                return;
            }
        }
    }

    private boolean sendElsewhere(RetainableByteBuffer buffer) {
        try {
            getExecutor().execute(() -> send(buffer));
            return true;
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            return false; // the pool is stopping with the proxy: send here
        }
    }

    private void send(RetainableByteBuffer buffer) {
        sink.send(buffer.getByteBuffer(), () -> sent(buffer));
    }

    /** A chunk reached the browser: send the one that waited, if any, and resume the paused reading. */
    private void sent(RetainableByteBuffer buffer) {
        buffer.release();
        RetainableByteBuffer next;
        synchronized (this) {
            next = waiting;
            waiting = null;
            if (next == null) {
                sending = false;
            }
        }
        if (next == null) {
            return; // the read loop never paused (or the console is quiet): nothing to resume
        }
        send(next);
        if (mayBlock) {
            fillInterested(readable); // back through the pool, never on a selector thread
        } else {
            readLoop(); // the guest most likely has more: read it now instead of a selector round trip
        }
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        Sink s = sink;
        if (s != null) {
            s.guestFailed(cause);
        }
        super.onFillInterestedFailed(cause);
    }

    @Override
    public boolean onIdleExpired(java.util.concurrent.TimeoutException timeout) {
        return false; // quiet consoles are the relay's business (its idle timeout), not the socket's
    }
}
