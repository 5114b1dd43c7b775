package io.serialgate.api.core;

import io.serialgate.common.client.ConsoleSessionsClient;
import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.contract.RevokedSessions;
import io.serialgate.common.contract.SessionPage;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's console sessions, as consoleauth records them, and force disconnect: of one session,
 * or of whoever holds one serial port. The caller's right to the server is checked first (404 for
 * another project's), and a session is only ever acted on through the server it belongs to.
 */
public final class ConsoleSessions {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessions.class);
    /** consoleauth's largest page. */
    static final int PAGE = 1000;
    /** How far back the open sessions and a session to disconnect are looked for: 10 pages of history. */
    static final int MAX_PAGES = 10;

    private final Servers servers;
    private final ConsoleSessionsClient sessions;

    public ConsoleSessions(Servers servers, ConsoleSessionsClient sessions) {
        this.servers = servers;
        this.sessions = sessions;
    }

    /** The server and its open sessions, newest first. */
    public ServerSessions open(ProjectScope scope, String serverId) {
        Server server = servers.get(scope, serverId);
        return new ServerSessions(server, scan(server, s -> s.endedAt() == null));
    }

    /** One page of the server's whole session history, newest first, and the marker of the next page. */
    public SessionPage history(ProjectScope scope, String serverId, Integer limit, String marker) {
        Server server = servers.get(scope, serverId);
        if (limit != null && (limit < 1 || limit > PAGE)) {
            throw new InvalidInputException("bad_limit", "Invalid input for query parameter limit. Value: "
                    + limit + ". It must be a whole number from 1 to " + PAGE + ".");
        }
        if (marker != null && !isUuid(marker)) {
            throw new InvalidInputException("bad_marker", "marker [" + marker + "] not found");
        }
        return InternalCalls.call("consoleauth", () -> sessions.history(server.id().toString(), limit, marker));
    }

    /**
     * Force disconnect of one session of the server: its proxy closes it within a heartbeat and
     * its token is revoked. A session that already ended needs nothing; one that is not this
     * server's is 404, whoever owns it.
     */
    public void disconnect(ProjectScope scope, String serverId, String sessionId) {
        Server server = servers.get(scope, serverId);
        NotFoundException unknown = new NotFoundException("session_not_found",
                "Console session " + sessionId + " of server " + server.id() + " could not be found.");
        if (!isUuid(sessionId)) {
            throw unknown;
        }
        ConsoleSession session = scan(server, s -> s.sessionId().equalsIgnoreCase(sessionId)).stream()
                .findFirst().orElseThrow(() -> unknown);
        if (session.endedAt() != null) {
            LOG.info("event=session_disconnect_noop instance={} session={} end_reason={}",
                    server.id(), session.sessionId(), session.endReason());
            return;
        }
        RevokedSessions revoked = InternalCalls.call("consoleauth", () -> sessions.revokeSession(session.sessionId()));
        LOG.info("event=session_disconnected instance={} project={} session={} port_index={} revoked={}",
                server.id(), server.projectId(), session.sessionId(), session.portIndex(), revoked.sessionIds().size());
    }

    /** {@code os-resetSerialConsole}: drops whoever holds serial port {@code portIndex} and revokes its unused tokens. */
    public void resetPort(ProjectScope scope, String serverId, int portIndex) {
        Server server = servers.get(scope, serverId);
        SerialConsoles.requirePort(server, portIndex);
        RevokedSessions revoked = InternalCalls.call("consoleauth",
                () -> sessions.revokePort(server.id().toString(), portIndex));
        LOG.info("event=serial_console_reset instance={} project={} port_index={} revoked={}",
                server.id(), server.projectId(), portIndex, revoked.sessionIds().size());
    }

    /** Sessions of the server's recent history that match, newest first. */
    private List<ConsoleSession> scan(Server server, Predicate<ConsoleSession> wanted) {
        List<ConsoleSession> found = new ArrayList<>();
        String marker = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String from = marker;
            SessionPage current = InternalCalls.call("consoleauth",
                    () -> sessions.history(server.id().toString(), PAGE, from));
            current.sessions().stream().filter(wanted).forEach(found::add);
            marker = current.nextMarker();
            if (marker == null) {
                break;
            }
        }
        return found;
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A server with some of its sessions. */
    public record ServerSessions(Server server, List<ConsoleSession> sessions) {}
}
