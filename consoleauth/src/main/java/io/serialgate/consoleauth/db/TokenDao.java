package io.serialgate.consoleauth.db;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of consoleauth.tokens. Times are always bound from the service's clock, never now(). */
public interface TokenDao {

    /** Every authorization's insert, run on the fluent API by {@code TokenService} (see {@link io.serialgate.common.db.SingleRowQuery} why). */
    String INSERT = """
            INSERT INTO consoleauth.tokens
                (token_hash, tenant_id, instance_uuid, port_index, host, port, access_url_base,
                 created_at, expires_at, compute_url)
            VALUES
                (:tokenHash, :tenantId, :instanceUuid, :portIndex, :host, :port, :accessUrlBase,
                 :createdAt, :expiresAt, :computeUrl)
            """;

    @SqlUpdate(INSERT)
    void insert(@BindMethods TokenRow row);

    /** Every validation's lookup, run as a {@link io.serialgate.common.db.SingleRowQuery} by {@code TokenService}. */
    String FIND_BY_HASH = """
            SELECT token_hash, tenant_id, instance_uuid, port_index, host, port, access_url_base,
                   created_at, expires_at, revoked_at, consumed_at, compute_url
            FROM consoleauth.tokens
            WHERE token_hash = :tokenHash
            """;

    /**
     * Deletes at most {@code limit} tokens that expired before {@code cutoff}, oldest first.
     * SKIP LOCKED lets several consoleauth instances purge side by side without waiting on each
     * other; readers are never blocked (PostgreSQL MVCC).
     */
    @SqlUpdate("""
            DELETE FROM consoleauth.tokens
            WHERE token_hash IN (
                SELECT token_hash FROM consoleauth.tokens
                WHERE expires_at < :cutoff
                ORDER BY expires_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED)
            """)
    int deleteExpiredBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    /** Revokes the token with this hash (a force disconnect kills the URL too). */
    @SqlUpdate("UPDATE consoleauth.tokens SET revoked_at = :now WHERE token_hash = :tokenHash AND revoked_at IS NULL")
    int revoke(@Bind("tokenHash") String tokenHash, @Bind("now") Instant now);

    /** Revokes every unexpired token of one serial port. */
    @SqlUpdate("""
            UPDATE consoleauth.tokens SET revoked_at = :now
            WHERE instance_uuid = :instanceUuid AND port_index = :portIndex
              AND revoked_at IS NULL AND expires_at > :now
            """)
    int revokePort(@Bind("instanceUuid") String instanceUuid, @Bind("portIndex") int portIndex,
                   @Bind("now") Instant now);

    /** Consumes a one-time token; 0 when it was already consumed. */
    @SqlUpdate("UPDATE consoleauth.tokens SET consumed_at = :now WHERE token_hash = :tokenHash AND consumed_at IS NULL")
    int consume(@Bind("tokenHash") String tokenHash, @Bind("now") Instant now);
}
