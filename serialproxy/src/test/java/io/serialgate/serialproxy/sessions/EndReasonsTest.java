package io.serialgate.serialproxy.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.serialgate.serialproxy.relay.CloseReasons;
import org.junit.jupiter.api.Test;

class EndReasonsTest {

    @Test
    void everyProxyCloseMapsToTheReasonConsoleauthRecords() {
        assertThat(EndReasons.of("browser", 1000, "bye")).isEqualTo("client-closed");
        assertThat(EndReasons.of("error", 1011, "EofException")).isEqualTo("client-closed");
        assertThat(EndReasons.of("proxy", CloseReasons.GUEST_CLOSED, CloseReasons.GUEST_CLOSED_TEXT)).isEqualTo("guest-closed");
        assertThat(EndReasons.of("proxy", CloseReasons.GUEST_UNREACHABLE, CloseReasons.GUEST_FAILED_TEXT)).isEqualTo("guest-closed");
        assertThat(EndReasons.of("proxy", CloseReasons.BROWSER_FAILED, CloseReasons.BROWSER_FAILED_TEXT)).isEqualTo("client-closed");
        assertThat(EndReasons.of("proxy", CloseReasons.IDLE_TIMEOUT, CloseReasons.IDLE_TIMEOUT_TEXT)).isEqualTo("idle-timeout");
        assertThat(EndReasons.of("proxy", CloseReasons.TOKEN_EXPIRED, CloseReasons.TOKEN_EXPIRED_TEXT)).isEqualTo("token-expired");
        assertThat(EndReasons.of("proxy", CloseReasons.SHUTTING_DOWN, CloseReasons.SHUTTING_DOWN_TEXT)).isEqualTo("proxy-shutdown");
        assertThat(EndReasons.of("proxy", CloseReasons.DISCONNECTED_BY_ADMIN, CloseReasons.DISCONNECTED_BY_ADMIN_TEXT)).isEqualTo("revoked");
        assertThat(EndReasons.of("proxy", CloseReasons.VIEWER_TOO_SLOW, CloseReasons.VIEWER_TOO_SLOW_TEXT)).isEqualTo("client-closed");
    }

    @Test
    void userAgentsAreCutToWhatConsoleauthAccepts() {
        assertThat(SessionTracker.cleanUserAgent("a\nb")).isEqualTo("a b");
        assertThat(SessionTracker.cleanUserAgent("x".repeat(2000))).hasSize(1024);
        assertThat(SessionTracker.cleanUserAgent(null)).isNull();
    }
}
