package io.serialgate.consoleauth.db;

import io.serialgate.common.contract.ConsoleSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of consoleauth.sessions and consoleauth.proxies off the per-connect path (that is
 * {@link SessionStatements}). An open session's last_seen_at is its proxy's last heartbeat:
 * proxies report liveness once per proxy, not once per session.
 */
@RegisterConstructorMapper(ConsoleSession.class)
public interface SessionDao {

    String SESSION_COLUMNS = """
            s.id::text AS session_id, s.tenant_id, s.instance_uuid, s.port_index, s.proxy_id, s.client_address,
            s.user_agent, s.role, s.started_at,
            CASE WHEN s.ended_at IS NULL THEN GREATEST(s.last_seen_at, p.last_heartbeat_at) ELSE s.last_seen_at END
                AS last_seen_at,
            s.ended_at, s.end_reason, s.revoked_at
            """;

    /**
     * Makes {@code incarnation} the proxy's current one (the row is locked until the transaction
     * ends, so opens and heartbeats of that proxy wait for the announcement to commit).
     */
    @SqlUpdate("""
            INSERT INTO consoleauth.proxies (proxy_id, last_heartbeat_at, incarnation) VALUES (:proxyId, :now, :incarnation)
            ON CONFLICT (proxy_id) DO UPDATE
                SET last_heartbeat_at = GREATEST(consoleauth.proxies.last_heartbeat_at, EXCLUDED.last_heartbeat_at),
                    incarnation = EXCLUDED.incarnation
            """)
    void announce(@Bind("proxyId") String proxyId, @Bind("incarnation") UUID incarnation, @Bind("now") Instant now);

    /** Ends, as proxy-lost, the open sessions of one proxy opened under any incarnation but {@code incarnation}. */
    @SqlUpdate("""
            UPDATE consoleauth.sessions SET ended_at = :now, end_reason = 'proxy-lost'
            WHERE proxy_id = :proxyId AND ended_at IS NULL AND proxy_incarnation IS DISTINCT FROM :incarnation
            """)
    int endSessionsOfEarlierIncarnations(@Bind("proxyId") String proxyId, @Bind("incarnation") UUID incarnation,
                                         @Bind("now") Instant now);

    /** Ends, as proxy-lost, the open sessions whose proxy has not been heard from since {@code cutoff}. */
    @SqlUpdate("""
            UPDATE consoleauth.sessions s SET ended_at = :now, end_reason = 'proxy-lost'
            FROM consoleauth.proxies p
            WHERE s.proxy_id = p.proxy_id AND s.ended_at IS NULL AND p.last_heartbeat_at < :cutoff
            """)
    int endLostSessions(@Bind("cutoff") Instant cutoff, @Bind("now") Instant now);

    /** Ends, as proxy-lost, every open session of one proxy. */
    @SqlUpdate("""
            UPDATE consoleauth.sessions SET ended_at = :now, end_reason = 'proxy-lost'
            WHERE proxy_id = :proxyId AND ended_at IS NULL
            """)
    int endSessionsOfProxy(@Bind("proxyId") String proxyId, @Bind("now") Instant now);

    @SqlQuery("SELECT " + SESSION_COLUMNS + """
            FROM consoleauth.sessions s JOIN consoleauth.proxies p ON p.proxy_id = s.proxy_id
            WHERE s.instance_uuid = :instanceUuid AND s.port_index = :portIndex
              AND s.role = 'writer' AND s.ended_at IS NULL
            """)
    Optional<ConsoleSession> findOpenWriter(@Bind("instanceUuid") String instanceUuid,
                                            @Bind("portIndex") int portIndex);

    /** Marks one open session revoked; returns its id if it was open. */
    @SqlQuery("""
            UPDATE consoleauth.sessions SET revoked_at = COALESCE(revoked_at, :now)
            WHERE id = :id AND ended_at IS NULL
            RETURNING id::text
            """)
    List<String> revoke(@Bind("id") UUID id, @Bind("now") Instant now);

    /** Marks every open session of one serial port revoked; returns their ids. */
    @SqlQuery("""
            UPDATE consoleauth.sessions SET revoked_at = COALESCE(revoked_at, :now)
            WHERE instance_uuid = :instanceUuid AND port_index = :portIndex AND ended_at IS NULL
            RETURNING id::text
            """)
    List<String> revokePort(@Bind("instanceUuid") String instanceUuid, @Bind("portIndex") int portIndex,
                            @Bind("now") Instant now);

    @SqlQuery("SELECT token_hash FROM consoleauth.sessions WHERE id = :id")
    Optional<String> tokenHashOf(@Bind("id") UUID id);

    /** A page of a server's sessions, newest first, after the session {@code marker} (null: from the newest). */
    @SqlQuery("SELECT " + SESSION_COLUMNS + """
            FROM consoleauth.sessions s JOIN consoleauth.proxies p ON p.proxy_id = s.proxy_id
            WHERE s.instance_uuid = :instanceUuid
              AND (CAST(:marker AS uuid) IS NULL
                   OR (s.started_at, s.id) < (SELECT m.started_at, m.id FROM consoleauth.sessions m
                                              WHERE m.id = CAST(:marker AS uuid)))
            ORDER BY s.started_at DESC, s.id DESC
            LIMIT :limit
            """)
    List<ConsoleSession> page(@Bind("instanceUuid") String instanceUuid, @Bind("marker") UUID marker,
                              @Bind("limit") int limit);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM consoleauth.sessions WHERE id = :id AND instance_uuid = :instanceUuid)")
    boolean existsFor(@Bind("id") UUID id, @Bind("instanceUuid") String instanceUuid);
}
