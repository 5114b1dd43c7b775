package io.serialgate.bench;

import java.nio.ByteBuffer;

/**
 * The bulk stream's content: byte i of a session is {@code i mod 251}. 251 is prime, so no
 * power-of-two frame or buffer size lines up with it, and a lost, repeated or reordered chunk
 * shows up as a mismatch at the very next byte.
 */
final class Pattern {

    static final int PERIOD = 251;
    /** Enough for any start offset plus the largest slice compared at once. */
    static final ByteBuffer BYTES = build(PERIOD * 4200);

    private Pattern() {}

    private static ByteBuffer build(int size) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            buffer.put((byte) (i % PERIOD));
        }
        return buffer.flip().asReadOnlyBuffer();
    }

    /** True when the bytes are exactly the pattern from stream offset {@code offset} on. */
    static boolean matches(ByteBuffer bytes, long offset) {
        int start = (int) (offset % PERIOD);
        ByteBuffer data = bytes.duplicate();
        while (data.hasRemaining()) {
            int n = Math.min(data.remaining(), BYTES.capacity() - PERIOD);
            ByteBuffer expected = BYTES.duplicate();
            expected.position(start).limit(start + n);
            ByteBuffer actual = data.duplicate();
            actual.limit(actual.position() + n);
            if (actual.mismatch(expected) != -1) {
                return false;
            }
            data.position(data.position() + n);
            start = (start + n) % PERIOD;
        }
        return true;
    }
}
