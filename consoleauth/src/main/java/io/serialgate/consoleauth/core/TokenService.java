package io.serialgate.consoleauth.core;

import io.serialgate.common.auth.Secrets;
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.AuthorizedToken;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.contract.ValidateTokenRequest;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.consoleauth.db.TokenDao;
import io.serialgate.consoleauth.db.TokenRow;
import io.serialgate.consoleauth.db.TokenRowMapper;
import io.serialgate.common.db.SingleRowQuery;
import org.jdbi.v3.core.Jdbi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues console tokens and says what a presented token grants. A token is 256 random bits;
 * only its SHA-256 is stored, so the token exists in clear only in the answer to its issuer.
 */
public final class TokenService {

    /** 32 bytes = 256 bits, 43 characters of base64url. */
    public static final int TOKEN_BYTES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

    private final Jdbi jdbi;
    private final SingleRowQuery<TokenRow> byHash;
    private final Clock clock;
    private final Duration ttl;
    private final EndpointCheck endpoints;

    /**
     * {@code endpoints} confirms a valid token's (host, port) before it is returned. The insert and
     * the lookup by hash, made once per authorization and validation, run on Jdbi's fluent API
     * rather than through {@link TokenDao} (see {@link SingleRowQuery} why).
     */
    public TokenService(Jdbi jdbi, Clock clock, Duration ttl, EndpointCheck endpoints) {
        this.jdbi = jdbi;
        this.byHash = new SingleRowQuery<>(jdbi, TokenDao.FIND_BY_HASH, "tokenHash", new TokenRowMapper());
        this.clock = clock;
        this.ttl = ttl;
        this.endpoints = endpoints;
    }

    public AuthorizedToken authorize(AuthorizeTokenRequest request) {
        TokenRequestRules.check(request);
        String token = Secrets.randomToken(TOKEN_BYTES);
        // PostgreSQL keeps microseconds: truncate so the stored and the answered expiry agree.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(ttl);
        TokenRow row = new TokenRow(Secrets.sha256Hex(token), request.tenantId(), request.instanceUuid(),
                request.portIndex(), request.host(), request.port(), request.accessUrlBase(),
                now, expiresAt, null, null, request.computeUrl());
        jdbi.useHandle(handle -> handle.createUpdate(TokenDao.INSERT).bindMethods(row).execute());
        LOG.info("event=token_issued tenant={} instance={} port_index={} host={} port={} expires_at={}",
                request.tenantId(), request.instanceUuid(), request.portIndex(), request.host(), request.port(),
                expiresAt);
        return new AuthorizedToken(token, expiresAt);
    }

    /** The binding of a presented token; see {@link #requireValid(String)} for the refusals. */
    public TokenBinding validate(ValidateTokenRequest request) {
        TokenRequestRules.check(request);
        TokenRow row = requireValid(request.token());
        LOG.debug("event=token_validated instance={} port_index={}", row.instanceUuid(), row.portIndex());
        return bindingOf(row);
    }

    /**
     * The stored row of a presented token that may be used now, or {@link NotFoundException} with
     * reason {@code token_unknown}, {@code token_revoked}, {@code token_consumed}, {@code token_expired}
     * or {@code token_stale} (its serial port now listens elsewhere, or is gone; checked last, as it
     * may call compute-driver).
     */
    public TokenRow requireValid(String token) {
        TokenRow row = requireUsable(token);
        endpoints.confirm(row);
        return row;
    }

    /**
     * {@link #requireValid} without the endpoint re-check, for a caller that runs it alongside its
     * own work ({@link ConcurrentEndpointCheck}) and must not use the row before it passed.
     */
    public TokenRow requireUsable(String token) {
        String hash = Secrets.sha256Hex(token);
        // The lookup is by hash, so timing reveals nothing about the token; the constant-time
        // re-check guards against a lookup that ever matches loosely (collation, padding).
        TokenRow row = byHash.find(hash)
                .filter(found -> Secrets.constantTimeEquals(found.tokenHash().trim(), hash))
                .orElse(null);
        if (row == null) {
            LOG.info("event=token_refused reason=token_unknown");
            throw new NotFoundException("token_unknown", "The console token is not known.");
        }
        if (row.revoked()) {
            refused("token_revoked", row);
            throw new NotFoundException("token_revoked", "The console token has been revoked.");
        }
        if (row.consumedAt() != null) {
            refused("token_consumed", row);
            throw new NotFoundException("token_consumed", "The one-time console token has already been used.");
        }
        if (row.expiredAt(clock.instant())) {
            refused("token_expired", row);
            throw new NotFoundException("token_expired", "The console token has expired.");
        }
        return row;
    }

    public static TokenBinding bindingOf(TokenRow row) {
        return new TokenBinding(row.tenantId(), row.instanceUuid(), row.portIndex(), row.host(), row.port(),
                row.expiresAt());
    }

    private static void refused(String reason, TokenRow row) {
        LOG.info("event=token_refused reason={} instance={} port_index={}", reason, row.instanceUuid(), row.portIndex());
    }
}
