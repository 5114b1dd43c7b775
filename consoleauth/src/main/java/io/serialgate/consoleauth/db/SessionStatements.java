package io.serialgate.consoleauth.db;

import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.db.NamedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The SQL every console connect, disconnect and proxy heartbeat runs, as plain JDBC on the
 * caller's handle ({@link NamedStatement} says why: as SqlObject calls these cost consoleauth
 * more CPU than PostgreSQL's work). The rest of the sessions' SQL is in {@link SessionDao}.
 */
public final class SessionStatements {

    /** Records the heartbeat of proxy {@code :proxyId} at {@code :now}; {@code previous} is the one before it. */
    private static final String TOUCH_PROXY = """
            WITH previous AS (SELECT last_heartbeat_at FROM consoleauth.proxies WHERE proxy_id = :proxyId),
                 touched AS (
                    INSERT INTO consoleauth.proxies (proxy_id, last_heartbeat_at) VALUES (:proxyId, :now)
                    ON CONFLICT (proxy_id) DO UPDATE
                        SET last_heartbeat_at = GREATEST(consoleauth.proxies.last_heartbeat_at, EXCLUDED.last_heartbeat_at))
            """;

    private static final NamedStatement HEARTBEAT = new NamedStatement(TOUCH_PROXY + """
            SELECT (SELECT last_heartbeat_at FROM previous) AS previous
            """);

    private static final NamedStatement LOCK_INCARNATION = new NamedStatement(
            "SELECT incarnation::text AS incarnation FROM consoleauth.proxies WHERE proxy_id = :proxyId FOR UPDATE");

    /**
     * A console connect's writes, sent in one round trip: records the proxy's heartbeat (answering
     * the previous one), ends as proxy-lost the open sessions of that proxy if it had been silent
     * past the lease and, for a writer, the port's open writer whose proxy has been, then inserts
     * the session under the proxy's current incarnation (for a writer only if no other writer of
     * the port is open: the partial unique index decides, atomically across instances) and
     * answers it, as FIND would (last seen is the later of its own time and its proxy's heartbeat).
     * The first statement sees the proxies as they were before its own heartbeat; its two UPDATEs
     * touch disjoint rows (this proxy's sessions, other proxies' writer), each through its own index.
     */
    private static final NamedStatement OPEN = new NamedStatement(TOUCH_PROXY + """
                 , own_lost AS (
                    UPDATE consoleauth.sessions SET ended_at = :now, end_reason = 'proxy-lost'
                    WHERE proxy_id = :proxyId AND ended_at IS NULL
                      AND (SELECT last_heartbeat_at FROM previous) < :cutoff
                    RETURNING 1),
                 writer_lost AS (
                    UPDATE consoleauth.sessions s SET ended_at = :now, end_reason = 'proxy-lost'
                    WHERE :writer AND s.role = 'writer' AND s.ended_at IS NULL
                      AND s.instance_uuid = :instanceUuid AND s.port_index = :portIndex AND s.proxy_id <> :proxyId
                      AND s.proxy_id IN (SELECT proxy_id FROM consoleauth.proxies WHERE last_heartbeat_at < :cutoff)
                    RETURNING 1)
            SELECT (SELECT last_heartbeat_at FROM previous) AS previous,
                   (SELECT count(*) FROM own_lost) AS own_lost,
                   (SELECT count(*) FROM writer_lost) AS writer_lost;
            INSERT INTO consoleauth.sessions AS s
                (id, token_hash, tenant_id, instance_uuid, port_index, proxy_id, client_address, user_agent, role,
                 started_at, last_seen_at, proxy_incarnation)
            VALUES
                (:id, :tokenHash, :tenantId, :instanceUuid, :portIndex, :proxyId, :clientAddress, :userAgent, :role,
                 :now, :now, (SELECT incarnation FROM consoleauth.proxies WHERE proxy_id = :proxyId))
            ON CONFLICT (instance_uuid, port_index) WHERE role = 'writer' AND ended_at IS NULL DO NOTHING
            RETURNING s.id::text AS session_id, s.tenant_id, s.instance_uuid, s.port_index, s.proxy_id,
                s.client_address, s.user_agent, s.role, s.started_at,
                GREATEST(s.last_seen_at,
                         (SELECT p.last_heartbeat_at FROM consoleauth.proxies p WHERE p.proxy_id = s.proxy_id))
                    AS last_seen_at,
                s.ended_at, s.end_reason, s.revoked_at
            """);

    private static final NamedStatement FIND = new NamedStatement("SELECT " + SessionDao.SESSION_COLUMNS + """
            FROM consoleauth.sessions s JOIN consoleauth.proxies p ON p.proxy_id = s.proxy_id
            WHERE s.id = :id
            """);

    private static final NamedStatement END = new NamedStatement("""
            UPDATE consoleauth.sessions SET ended_at = :now, last_seen_at = :now, end_reason = :reason
            WHERE id = :id AND ended_at IS NULL
            """);

    private static final NamedStatement REVOKED_OPEN_OF = new NamedStatement("""
            SELECT id::text AS id FROM consoleauth.sessions
            WHERE proxy_id = :proxyId AND ended_at IS NULL AND revoked_at IS NOT NULL
            """);

    private static final NamedStatement.RowReader<ConsoleSession> SESSION = row -> new ConsoleSession(
            row.getString("session_id"), row.getString("tenant_id"), row.getString("instance_uuid"),
            row.getInt("port_index"), row.getString("proxy_id"), row.getString("client_address"),
            row.getString("user_agent"), row.getString("role"), NamedStatement.instant(row, "started_at"),
            NamedStatement.instant(row, "last_seen_at"), NamedStatement.instant(row, "ended_at"),
            row.getString("end_reason"), NamedStatement.instant(row, "revoked_at"));

    private SessionStatements() {}

    /** Records a heartbeat; returns the previous one (empty for a proxy never seen). */
    public static Optional<Instant> heartbeat(Handle handle, String proxyId, Instant now) {
        return HEARTBEAT.one(handle, row -> NamedStatement.instant(row, "previous"), "proxyId", proxyId, "now", now);
    }

    /** The proxy's current incarnation, locking its row (empty: unknown proxy, or none announced). */
    public static Optional<String> lockIncarnation(Handle handle, String proxyId) {
        return LOCK_INCARNATION.one(handle, row -> row.getString("incarnation"), "proxyId", proxyId);
    }

    /**
     * What {@link #open} did: the proxy's previous heartbeat (empty for a proxy never seen), how many
     * of its own sessions it ended because that heartbeat was older than the cutoff, how many other
     * proxies' writers of the port it ended as lost, and the new session (empty: writer slot taken).
     */
    public record Opening(Optional<Instant> previousHeartbeat, long ownLost, long writerLost,
            Optional<ConsoleSession> session) {}

    /** Runs {@link #OPEN}: one round trip for everything a console connect writes. */
    public static Opening open(Handle handle, UUID id, TokenRow token, String proxyId, String clientAddress,
            String userAgent, String role, boolean writer, Instant cutoff, Instant now) {
        return OPEN.results(handle, executed -> {
            Instant previous;
            long ownLost;
            long writerLost;
            try (ResultSet row = executed.getResultSet()) {
                row.next();
                previous = NamedStatement.instant(row, "previous");
                ownLost = row.getLong("own_lost");
                writerLost = row.getLong("writer_lost");
            }
            if (!executed.getMoreResults()) {
                throw new IllegalStateException("the session insert answered no result");
            }
            Optional<ConsoleSession> session;
            try (ResultSet row = executed.getResultSet()) {
                session = row.next() ? Optional.of(SESSION.read(row)) : Optional.empty();
            }
            return new Opening(Optional.ofNullable(previous), ownLost, writerLost, session);
        }, "id", id, "tokenHash", token.tokenHash(), "tenantId", token.tenantId(),
                "instanceUuid", token.instanceUuid(), "portIndex", token.portIndex(), "proxyId", proxyId,
                "clientAddress", clientAddress, "userAgent", userAgent, "role", role, "writer", writer,
                "cutoff", cutoff, "now", now);
    }

    public static Optional<ConsoleSession> find(Handle handle, UUID id) {
        return FIND.one(handle, SESSION, "id", id);
    }

    /** Ends an open session; 0 when it had ended already (or does not exist). */
    public static int end(Handle handle, UUID id, String reason, Instant now) {
        return END.update(handle, "id", id, "reason", reason, "now", now);
    }

    /** The proxy's open sessions an administrator revoked: the proxy closes them. */
    public static List<String> revokedOpenSessionsOf(Handle handle, String proxyId) {
        return REVOKED_OPEN_OF.list(handle, row -> row.getString("id"), "proxyId", proxyId);
    }
}
