package io.serialgate.compute.core.fake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    @Test
    void keepsTheLastBytesOldestFirst() {
        Transcript transcript = new Transcript();
        transcript.append(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, transcript.snapshot());
        byte[] big = new byte[Transcript.CAPACITY];
        Arrays.fill(big, (byte) 7);
        big[big.length - 1] = 9;
        transcript.append(big);
        transcript.append(new byte[] {4});
        byte[] kept = transcript.snapshot();
        assertEquals(Transcript.CAPACITY, kept.length);
        assertEquals(9, kept[kept.length - 2]);
        assertEquals(4, kept[kept.length - 1]);
    }
}
