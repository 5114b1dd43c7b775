package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Asks consoleauth what a presented token grants. The token travels in a body, never a URL. */
public record ValidateTokenRequest(@JsonProperty("token") String token) {

    @Override
    public String toString() {
        return "ValidateTokenRequest{token=<redacted>}";
    }
}
