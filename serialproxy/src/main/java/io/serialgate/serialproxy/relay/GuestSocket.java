package io.serialgate.serialproxy.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Flow control: at most one chunk is in flight. The next read happens only after the previous
 * chunk was sent, so a stalled browser stops the reading and the guest's TCP window, not the
 * proxy's memory, absorbs the backlog. A quiet console holds no buffer at all: one is taken from
 * the pool when data arrives and returned once it is sent.
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

    // The read loop's states: a chunk's send either completes inside Sink.send (the loop goes on)
    // or later (the loop stops and the completion resumes it).
    private static final int IDLE = 0;
    private static final int SENDING = 1;
    private static final int SENT_INLINE = 2;
    private static final int AWAITING_SEND = 3;

    private final ByteBufferPool pool;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final Runnable sent = this::sent;
    private volatile Sink sink;
    private volatile Callback readable;
    private volatile boolean mayBlock;
    private RetainableByteBuffer inFlight; // written before SENDING, read after it (the state orders both)
    private int capacity = MIN_READ_BUFFER; // touched by the read loop only, which never runs twice at once

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
            capacity = nextCapacity(capacity, n);
            inFlight = buffer;
            state.set(SENDING);
            s.send(bytes, sent);
            if (state.compareAndSet(SENDING, AWAITING_SEND)) {
                return; // sent() resumes the loop
            }
        }
    }

    private void sent() {
        RetainableByteBuffer done = inFlight;
        inFlight = null;
        done.release();
        if (state.compareAndSet(SENDING, SENT_INLINE)) {
            return; // inside Sink.send: the read loop goes on by itself
        }
        state.set(IDLE);
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
