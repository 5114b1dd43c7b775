package io.serialgate.api.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenPathsTest {

    @Test
    void everythingAfterTheTokenSegmentIsReplaced() {
        assertThat(TokenPaths.redacted("/v2.1/os-console-auth-tokens/abc")).hasValue("/v2.1/os-console-auth-tokens/***");
        assertThat(TokenPaths.redacted("/v2.1/p/os-console-auth-tokens/abc/def")).hasValue("/v2.1/p/os-console-auth-tokens/***");
        assertThat(TokenPaths.redacted("/v2.1/OS-Console-Auth-Tokens/abc")).hasValue("/v2.1/OS-Console-Auth-Tokens/***");
        assertThat(TokenPaths.redacted("/v2.1/os-console-auth-tokensabc")).hasValue("/v2.1/os-console-auth-tokens/***");
        assertThat(TokenPaths.redacted("/v2.1/os-console-auth-tokens")).hasValue("/v2.1/os-console-auth-tokens");
    }

    @Test
    void otherPathsAreLoggedAsTheyAre() {
        assertThat(TokenPaths.redacted("/v2.1/servers/abc/action")).isEmpty();
        assertThat(TokenPaths.redacted(null)).isEmpty();
    }
}
