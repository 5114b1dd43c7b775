package io.serialgate.serialproxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadBufferSizingTest {

    @Test
    void growsWhileTheGuestStreamsAndShrinksWhenItIsInteractiveAgain() {
        int min = GuestSocket.MIN_READ_BUFFER;
        int max = GuestSocket.MAX_READ_BUFFER;
        assertThat(GuestSocket.nextCapacity(min, min)).isEqualTo(4 * min);
        assertThat(GuestSocket.nextCapacity(max, max)).isEqualTo(max); // capped
        assertThat(GuestSocket.nextCapacity(max, 1)).isEqualTo(min);
        assertThat(GuestSocket.nextCapacity(min, 100)).isEqualTo(min);
        assertThat(GuestSocket.nextCapacity(4 * min, 2 * min)).isEqualTo(4 * min);
    }
}
