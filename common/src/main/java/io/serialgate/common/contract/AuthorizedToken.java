package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A freshly issued console token: the only time the token itself leaves consoleauth. */
public record AuthorizedToken(
        @JsonProperty("token") String token,
        @JsonProperty("expires_at") Instant expiresAt) {

    @Override
    public String toString() {
        return "AuthorizedToken{token=<redacted>, expiresAt=" + expiresAt + "}";
    }
}
