package io.serialgate.serialproxy.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serialgate.common.error.ForbiddenException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy policy = new OriginPolicy(List.of("dash.example.com", "https://horizon.example.org:8443"),
            "https://proxy.example.com:6083/serial.html");

    @Test
    void noOriginIsANonBrowserClientAndPasses() {
        assertThatCode(() -> policy.check(null, "proxy.example.com:6083")).doesNotThrowAnyException();
    }

    @Test
    void originOfTheProxysOwnHostPassesWhateverThePort() {
        assertThatCode(() -> policy.check("https://proxy.example.com", "proxy.example.com:6083")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("https://PROXY.example.com:6083", "proxy.example.com")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("https://[::1]:6083", "[::1]:6083")).doesNotThrowAnyException();
    }

    @Test
    void aSchemeOtherThanTheConsoleUrlsIsForbiddenAsInNova() {
        assertThatThrownBy(() -> policy.check("http://proxy.example.com:6083", "proxy.example.com:6083"))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("published over https");
        assertThatThrownBy(() -> policy.check("http://dash.example.com", "proxy:6083"))
                .isInstanceOf(ForbiddenException.class);
        OriginPolicy wsBase = new OriginPolicy(List.of(), "ws://proxy:6083/");
        assertThatCode(() -> wsBase.check("http://proxy:6083", "proxy:6083")).doesNotThrowAnyException();
    }

    @Test
    void allowedHostNamesAndExactOriginsPass() {
        assertThatCode(() -> policy.check("https://dash.example.com:9999", "proxy:6083")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("https://horizon.example.org:8443", "proxy:6083")).doesNotThrowAnyException();
    }

    @Test
    void foreignOriginsAreForbidden() {
        assertThatThrownBy(() -> policy.check("https://evil.example.net", "proxy.example.com:6083"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("evil.example.net");
        // A full-origin entry matches its scheme and port only.
        assertThatThrownBy(() -> policy.check("http://horizon.example.org:8443", "proxy:6083"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> policy.check("https://proxy.example.com.evil.net", "proxy.example.com"))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void opaqueOrGarbageOriginsAreForbidden() {
        assertThatThrownBy(() -> policy.check("null", "proxy:6083")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> policy.check("::not a uri::", "proxy:6083")).isInstanceOf(ForbiddenException.class);
    }
}
