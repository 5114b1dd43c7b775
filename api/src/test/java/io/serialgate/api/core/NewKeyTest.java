package io.serialgate.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewKeyTest {

    /** 2,000 plain base64url draws would start with '-' with near certainty (1 - (63/64)^2000). */
    @Test
    void keysNeverStartWithADashSoCommandLineToolsTakeThem() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String key = ApiKeys.newKey(32);
            assertThat(key).doesNotStartWith("-").matches("[A-Za-z0-9_-]{43}");
            keys.add(key);
        }
        assertThat(keys).hasSize(2000);
    }
}
