package io.serialgate.consoleauth.db;

import java.time.Instant;

/**
 * One row of consoleauth.tokens. Holds the token's hash, never the token. {@code computeUrl} is
 * where its endpoint is re-checked (null: the configured compute-driver).
 */
public record TokenRow(
        String tokenHash,
        String tenantId,
        String instanceUuid,
        int portIndex,
        String host,
        int port,
        String accessUrlBase,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant consumedAt,
        String computeUrl) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Expired at {@code now}: a token is valid up to, not including, its expiry instant. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "TokenRow{tokenHash=<redacted>, instanceUuid=" + instanceUuid + ", portIndex=" + portIndex
                + ", expiresAt=" + expiresAt + "}";
    }
}
