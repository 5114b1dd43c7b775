package io.serialgate.serialproxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serialgate.common.error.ConflictException;
import org.junit.jupiter.api.Test;

class PortClaimsTest {

    @Test
    void onePortHasOneWriterUntilReleased() {
        PortClaims<Object> claims = new PortClaims<>();
        PortClaims<Object>.Claim first = claims.claim("Host-A", 10000);
        assertThatThrownBy(() -> claims.claim("host-a", 10000))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("console in use");
        PortClaims<Object>.Claim other = claims.claim("host-a", 10001);
        first.release();
        first.release(); // idempotent: must not free someone else's claim
        PortClaims<Object>.Claim again = claims.claim("host-a", 10000);
        assertThat(claims.size()).isEqualTo(2);
        other.release();
        again.release();
        assertThat(claims.size()).isZero();
    }
}
