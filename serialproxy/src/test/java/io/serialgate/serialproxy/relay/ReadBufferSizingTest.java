package io.serialgate.serialproxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReadBufferSizingTest {

    @Test
    void growsWhileTheGuestStreamsAndShrinksWhenItIsInteractiveAgain() {
        ByteBuffer small = ByteBuffer.allocateDirect(SerialRelay.MIN_READ_BUFFER);
        ByteBuffer grown = SerialRelay.nextReadBuffer(small, SerialRelay.MIN_READ_BUFFER);
        assertThat(grown.capacity()).isEqualTo(4 * SerialRelay.MIN_READ_BUFFER);
        ByteBuffer max = ByteBuffer.allocateDirect(SerialRelay.MAX_READ_BUFFER);
        assertThat(SerialRelay.nextReadBuffer(max, SerialRelay.MAX_READ_BUFFER)).isSameAs(max); // capped
        assertThat(SerialRelay.nextReadBuffer(max, 1).capacity()).isEqualTo(SerialRelay.MIN_READ_BUFFER);
        ByteBuffer same = SerialRelay.nextReadBuffer(small, 100);
        assertThat(same).isSameAs(small);
        assertThat(same.position()).isZero();
        assertThat(same.limit()).isEqualTo(same.capacity());
    }
}
