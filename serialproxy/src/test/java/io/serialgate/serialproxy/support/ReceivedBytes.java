package io.serialgate.serialproxy.support;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Bytes a test peer received so far, appended by its I/O thread and awaited by the test. */
public final class ReceivedBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public synchronized void append(byte[] chunk, int offset, int length) {
        bytes.write(chunk, offset, length);
        notifyAll();
    }

    /** Waits until at least n bytes arrived; returns all received so far. */
    public synchronized byte[] await(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (bytes.size() < n) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return Arrays.copyOf(bytes.toByteArray(), bytes.size());
    }
}
