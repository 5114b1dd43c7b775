package io.serialgate.serialproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SerialproxyConfigurationTest {

    @Test
    void defaultsAreUsable() {
        SerialproxyOptions options = new SerialproxyOptions();
        assertThat(options.idleTimeoutSeconds()).isEqualTo(600);
        assertThat(options.allowedOrigins()).isEmpty();
        assertThat(options.problems()).isEmpty();
    }

    @Test
    void badIdleTimeoutIsOneClearLine() {
        assertThat(new SerialproxyOptions().idleTimeoutSeconds(0).problems()).isEmpty(); // 0 = never
        assertThat(new SerialproxyOptions().idleTimeoutSeconds(-1).problems())
                .containsExactly("serialproxy.idle_timeout_seconds: must lie in 0-86400 (0 = never), got -1");
        assertThat(new SerialproxyOptions().keepaliveSeconds(7200).problems())
                .containsExactly("serialproxy.keepalive_seconds: must lie in 0-3600 (0 = no pings), got 7200");
    }

    @Test
    void badAllowedOriginsAreNamed() {
        assertThat(new SerialproxyOptions().allowedOrigins(List.of("", "https://")).problems())
                .containsExactly("serialproxy.allowed_origins: entries must not be empty",
                        "serialproxy.allowed_origins: not an origin or host name, got 'https://'");
    }

    @Test
    void badProxyIdAndReplaySizeAreNamed() {
        assertThat(new SerialproxyOptions().proxyId("a/b").problems())
                .containsExactly("serialproxy.proxy_id: must be at most 255 characters without '/', spaces or control characters, got 'a/b'");
        assertThat(new SerialproxyOptions().replayLogBytes(-1).problems())
                .containsExactly("serialproxy.replay_log_bytes: must lie in 0-65536 (0 = off; one websocket message), got -1");
        assertThat(new SerialproxyOptions().proxyId("  ").proxyId()).isNull(); // blank = hostname:port
        assertThat(new SerialproxyOptions().proxyId("sp-1").replayLogBytes(4096).problems()).isEmpty();
    }
}
