package io.serialgate.consoleauth.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of consoleauth.tokens. Times are always bound from the service's clock, never now(). */
@RegisterConstructorMapper(TokenRow.class)
public interface TokenDao {

    @SqlUpdate("""
            INSERT INTO consoleauth.tokens
                (token_hash, tenant_id, instance_uuid, port_index, host, port, access_url_base,
                 created_at, expires_at)
            VALUES
                (:tokenHash, :tenantId, :instanceUuid, :portIndex, :host, :port, :accessUrlBase,
                 :createdAt, :expiresAt)
            """)
    void insert(@BindMethods TokenRow row);

    @SqlQuery("""
            SELECT token_hash, tenant_id, instance_uuid, port_index, host, port, access_url_base,
                   created_at, expires_at, revoked_at, consumed_at
            FROM consoleauth.tokens
            WHERE token_hash = :tokenHash
            """)
    Optional<TokenRow> findByHash(@Bind("tokenHash") String tokenHash);

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
}
