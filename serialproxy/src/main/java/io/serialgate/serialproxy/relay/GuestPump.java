package io.serialgate.serialproxy.relay;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;

/**
 * Guest to browser for one console, pipelined: the next read from the guest socket runs while the
 * previous chunk is being sent to the browser, so a streaming guest keeps both sockets busy. At
 * most one read and one send are ever in flight and chunks are sent in the order they were read
 * (two sends in flight on one Jetty websocket were seen to reorder bytes), so a console holds at
 * most two read buffers. When the browser stalls, a read chunk waits for the send in flight and no
 * further read is made: the guest's TCP window, not the proxy's memory, absorbs the backlog.
 *
 * <p>Reads complete on the channel group's threads, sends on Jetty's or inline; the pipeline
 * state is guarded by this object's monitor, never held across I/O.
 */
final class GuestPump {

    /**
     * Read buffer bounds: small for the many quiet consoles, larger for a guest dumping output. The
     * maximum is also the largest frame sent: many websocket clients refuse messages over 64 KiB
     * (Jetty's and websockify's default).
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

    private final AsynchronousSocketChannel guest;
    private final Sink sink;
    private final Reader reader = new Reader();
    private ByteBuffer spare;     // a free buffer, kept for the next read
    private ByteBuffer waiting;   // read, waiting for the send in flight
    private boolean sending;

    GuestPump(AsynchronousSocketChannel guest, Sink sink) {
        this.guest = guest;
        this.sink = sink;
    }

    void start() {
        read(ByteBuffer.allocateDirect(MIN_READ_BUFFER));
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

    private void read(ByteBuffer buffer) {
        if (!sink.finished()) {
            guest.read(buffer, buffer, reader);
        }
    }

    private final class Reader implements CompletionHandler<Integer, ByteBuffer> {
        @Override
        public void completed(Integer n, ByteBuffer buffer) {
            if (n < 0) {
                sink.guestClosed();
                return;
            }
            buffer.flip();
            boolean sendNow;
            synchronized (GuestPump.this) {
                sendNow = !sending;
                if (sendNow) {
                    sending = true;
                } else {
                    waiting = buffer; // reading pauses until the send in flight completes
                }
            }
            if (sendNow) {
                sendAndReadOn(buffer);
            }
        }

        @Override
        public void failed(Throwable failure, ByteBuffer buffer) {
            sink.guestFailed(failure);
        }
    }

    /** Sends {@code chunk} and starts the next read (a send is in flight from here on). */
    private void sendAndReadOn(ByteBuffer chunk) {
        int capacity = nextCapacity(chunk.capacity(), chunk.remaining());
        sink.send(chunk, () -> sent(chunk));
        read(bufferOf(capacity));
    }

    private void sent(ByteBuffer chunk) {
        ByteBuffer next;
        synchronized (this) {
            next = waiting;
            waiting = null;
            if (next == null) {
                sending = false;
            }
            spare = chunk;
        }
        if (next != null) {
            sendAndReadOn(next);
        }
    }

    private ByteBuffer bufferOf(int capacity) {
        synchronized (this) {
            ByteBuffer free = spare;
            if (free != null && free.capacity() == capacity) {
                spare = null;
                return free.clear();
            }
        }
        // Direct, so neither the socket read nor the websocket write copies through a temporary buffer.
        return ByteBuffer.allocateDirect(capacity);
    }
}
