package io.serialgate.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortRangeTest {

    @Test
    void parsesAndMeasures() {
        PortRange r = PortRange.parse(" 10000 : 10009 ");
        assertThat(r.size()).isEqualTo(10);
        assertThat(r.contains(10000)).isTrue();
        assertThat(r.contains(10009)).isTrue();
        assertThat(r.contains(10010)).isFalse();
        assertThat(r).hasToString("10000:10009");
    }

    @Test
    void aSinglePortRangeIsAllowed() {
        assertThat(PortRange.parse("6000:6000").size()).isEqualTo(1);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> PortRange.parse(null)).hasMessageContaining("must be MIN:MAX");
    }
}
