package io.serialgate.serialproxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleLogReplayTailTest {

    @Test
    void theTailStartsOnACharacterBoundary() {
        assertThat(ConsoleLogReplay.tail("abc", 10)).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        assertThat(ConsoleLogReplay.tail("abcdef", 3)).isEqualTo("def".getBytes(StandardCharsets.UTF_8));
        // "✓" is 3 bytes: cutting inside it drops the whole character
        assertThat(new String(ConsoleLogReplay.tail("x✓yz", 4), StandardCharsets.UTF_8)).isEqualTo("yz");
        assertThat(ConsoleLogReplay.tail(null, 4)).isEmpty();
    }
}
