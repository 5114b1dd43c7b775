package io.serialgate.compute.core.fake;

/**
 * The last bytes a fake serial port printed, across clients: what a console log keeps. Bounded
 * ring buffer; written by the selector thread, read by request threads.
 */
final class Transcript {

    static final int CAPACITY = 64 * 1024;

    private final byte[] ring = new byte[CAPACITY];
    private long written;

    synchronized void append(byte[] bytes) {
        int from = Math.max(0, bytes.length - CAPACITY);
        for (int i = from; i < bytes.length; i++) {
            ring[(int) (written++ % CAPACITY)] = bytes[i];
        }
    }

    /** The kept bytes, oldest first. */
    synchronized byte[] snapshot() {
        int size = (int) Math.min(written, CAPACITY);
        byte[] copy = new byte[size];
        int start = (int) ((written - size) % CAPACITY);
        int first = Math.min(size, CAPACITY - start);
        System.arraycopy(ring, start, copy, 0, first);
        System.arraycopy(ring, 0, copy, first, size - first);
        return copy;
    }
}
