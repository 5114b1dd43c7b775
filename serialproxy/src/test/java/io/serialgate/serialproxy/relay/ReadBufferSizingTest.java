package io.serialgate.serialproxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadBufferSizingTest {

    @Test
    void growsWhileTheGuestStreamsAndShrinksWhenItIsInteractiveAgain() {
        int min = GuestPump.MIN_READ_BUFFER;
        int max = GuestPump.MAX_READ_BUFFER;
        assertThat(GuestPump.nextCapacity(min, min)).isEqualTo(4 * min);
        assertThat(GuestPump.nextCapacity(max, max)).isEqualTo(max); // capped
        assertThat(GuestPump.nextCapacity(max, 1)).isEqualTo(min);
        assertThat(GuestPump.nextCapacity(min, 100)).isEqualTo(min);
        assertThat(GuestPump.nextCapacity(4 * min, 2 * min)).isEqualTo(4 * min);
    }
}
