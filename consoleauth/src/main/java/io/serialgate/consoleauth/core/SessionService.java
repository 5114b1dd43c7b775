package io.serialgate.consoleauth.core;

import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.contract.ConsoleSessionContract;
import io.serialgate.common.contract.EndSessionRequest;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.contract.OpenedSession;
import io.serialgate.common.contract.ProxyHeartbeat;
import io.serialgate.common.contract.ProxyHeartbeatAnswer;
import io.serialgate.common.contract.RevokeSessionsRequest;
import io.serialgate.common.contract.RevokedSessions;
import io.serialgate.common.contract.SessionPage;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.consoleauth.db.SessionDao;
import io.serialgate.consoleauth.db.SessionStatements;
import io.serialgate.consoleauth.db.TokenDao;
import io.serialgate.consoleauth.db.TokenRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console sessions: who is connected to which serial port through which proxy. PostgreSQL is the
 * only state, so every rule here holds across any number of consoleauth and proxy instances:
 * the writer slot is a partial unique index, revocation is a column the proxy's heartbeat reads,
 * a proxy silent for longer than the lease loses its sessions as {@code proxy-lost}, and so do the
 * sessions a killed proxy process left behind once its restarted successor announces a new
 * incarnation.
 */
public final class SessionService {

    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);

    private final Jdbi jdbi;
    private final TokenService tokens;
    private final ConcurrentEndpointCheck endpoints;
    private final Clock clock;
    private final Duration lease;
    private final boolean oneTimeTokens;

    /** {@code endpoints} re-checks a presented token's endpoint (the re-check {@code tokens} skips for us). */
    public SessionService(Jdbi jdbi, TokenService tokens, ConcurrentEndpointCheck endpoints, Clock clock,
            Duration lease, boolean oneTimeTokens) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.endpoints = endpoints;
        this.clock = clock;
        this.lease = lease;
        this.oneTimeTokens = oneTimeTokens;
    }

    /**
     * Opens a session for a valid token; a second open writer of the same serial port is refused
     * with 409. The token's endpoint is re-checked at compute-driver while the session is written,
     * and the transaction commits only once it passed: a stale token is refused before (and rather
     * than) console_in_use, as when the two were checked one after the other.
     */
    public OpenedSession open(OpenSessionRequest request) {
        SessionRules.check(request);
        TokenRow token = tokens.requireUsable(request.token());
        ConcurrentEndpointCheck.Pending endpointCheck = endpoints.start(token);
        boolean writer = ConsoleSessionContract.ROLE_WRITER.equals(request.role());
        UUID id = UUID.randomUUID();
        Instant now = now();
        SessionStatements.Opening opening = jdbi.inTransaction(handle -> {
            // One round trip writes everything; a second commits it once the re-check passed.
            SessionStatements.Opening written = SessionStatements.open(handle, id, token, request.proxyId(),
                    request.clientAddress(), request.userAgent(), request.role(), writer, now.minus(lease), now);
            endpointCheck.await(); // throws, rolling the session back, if the endpoint moved
            if (written.session().isPresent() && writer && oneTimeTokens
                    && handle.attach(TokenDao.class).consume(token.tokenHash(), now) == 0) {
                // Another writer used this one-time token first: undo this session.
                throw new NotFoundException("token_consumed", "The one-time console token has already been used.");
            }
            return written;
        });
        // Logged once committed: a rolled-back open ended nothing.
        Instant previous = opening.previousHeartbeat().orElse(null);
        if (silentPastLease(previous, now)) {
            logLeaseLost(request.proxyId(), previous, opening.ownLost());
        }
        if (opening.writerLost() > 0) {
            LOG.info("event=sessions_lost reason=proxy-lost instance={} port_index={} count={}",
                    token.instanceUuid(), token.portIndex(), opening.writerLost());
        }
        Optional<ConsoleSession> opened = opening.session();
        if (opened.isEmpty()) {
            throw inUse(token);
        }
        ConsoleSession session = opened.get();
        LOG.info("event=session_opened session={} instance={} port_index={} role={} proxy={} client={}",
                id, token.instanceUuid(), token.portIndex(), request.role(), request.proxyId(), request.clientAddress());
        return new OpenedSession(session, TokenService.bindingOf(token));
    }

    /** Records the end of a session (idempotent: ending an ended session answers it unchanged). */
    public ConsoleSession end(String sessionId, EndSessionRequest request) {
        UUID id = SessionRules.uuid("session_id", sessionId);
        String reason = SessionRules.checkEndReason(request);
        return jdbi.withHandle(handle -> {
            if (SessionStatements.end(handle, id, reason, now()) > 0) {
                LOG.info("event=session_ended session={} reason={}", id, reason);
            }
            return SessionStatements.find(handle, id).orElseThrow(() -> unknownSession());
        });
    }

    /** Force disconnect: marks the sessions revoked (their proxies close them) and revokes their tokens. */
    public RevokedSessions revoke(RevokeSessionsRequest request) {
        SessionRules.check(request);
        Instant now = now();
        List<String> revoked = jdbi.inTransaction(handle -> {
            SessionDao sessions = handle.attach(SessionDao.class);
            TokenDao tokenDao = handle.attach(TokenDao.class);
            if (request.sessionId() != null) {
                UUID id = UUID.fromString(request.sessionId());
                String tokenHash = sessions.tokenHashOf(id).orElseThrow(() -> unknownSession());
                tokenDao.revoke(tokenHash, now);
                return sessions.revoke(id, now);
            }
            tokenDao.revokePort(request.instanceUuid(), request.portIndex(), now);
            return sessions.revokePort(request.instanceUuid(), request.portIndex(), now);
        });
        LOG.info("event=sessions_revoked count={} session={} instance={} port_index={}", revoked.size(),
                request.sessionId(), request.instanceUuid(), request.portIndex());
        return new RevokedSessions(revoked);
    }

    /**
     * One proxy's heartbeat without an incarnation: renews the lease of all its open sessions and
     * returns the revoked ones.
     */
    public ProxyHeartbeatAnswer heartbeat(String proxyId) {
        SessionRules.checkProxyId(proxyId);
        Instant now = now();
        return jdbi.inTransaction(handle -> {
            boolean leaseLost = touchProxy(handle, proxyId, now);
            return new ProxyHeartbeatAnswer(SessionStatements.revokedOpenSessionsOf(handle, proxyId), leaseLost);
        });
    }

    /**
     * One proxy process's heartbeat, naming its incarnation (a null {@code beat} is the body-less
     * heartbeat: {@link #heartbeat(String)}). A starting process becomes the proxy's current
     * incarnation and ends the sessions earlier ones left open; a superseded one gets lease_lost
     * and renews nothing.
     */
    public ProxyHeartbeatAnswer heartbeat(String proxyId, ProxyHeartbeat beat) {
        if (beat == null) {
            return heartbeat(proxyId);
        }
        SessionRules.checkProxyId(proxyId);
        UUID incarnation = SessionRules.uuid("incarnation", beat.incarnation());
        Instant now = now();
        return beat.starting() ? announce(proxyId, incarnation, now) : heartbeat(proxyId, incarnation, now);
    }

    private ProxyHeartbeatAnswer announce(String proxyId, UUID incarnation, Instant now) {
        return jdbi.inTransaction(handle -> {
            SessionDao sessions = handle.attach(SessionDao.class);
            // Locks the proxy's row first: an open or heartbeat of this proxy_id in flight commits
            // before us (and its session is ended below) or waits and sees the new incarnation.
            sessions.announce(proxyId, incarnation, now);
            int ended = sessions.endSessionsOfEarlierIncarnations(proxyId, incarnation, now);
            LOG.info("event=proxy_started proxy={} incarnation={} sessions_ended={}", proxyId, incarnation, ended);
            if (ended > 0) {
                LOG.info("event=sessions_lost reason=proxy-lost proxy={} count={}", proxyId, ended);
            }
            return new ProxyHeartbeatAnswer(SessionStatements.revokedOpenSessionsOf(handle, proxyId), false);
        });
    }

    private ProxyHeartbeatAnswer heartbeat(String proxyId, UUID incarnation, Instant now) {
        return jdbi.inTransaction(handle -> {
            Optional<String> current = SessionStatements.lockIncarnation(handle, proxyId);
            if (current.isPresent() && !current.get().equals(incarnation.toString())) {
                // A newer process with this proxy_id announced itself: this one's sessions were
                // ended then, and it must not renew the newer one's.
                LOG.warn("event=proxy_incarnation_superseded proxy={} incarnation={} current={}", proxyId, incarnation,
                        current.get());
                return new ProxyHeartbeatAnswer(List.of(), true);
            }
            boolean leaseLost = touchProxy(handle, proxyId, now);
            return new ProxyHeartbeatAnswer(SessionStatements.revokedOpenSessionsOf(handle, proxyId), leaseLost);
        });
    }

    /** Ends, as proxy-lost, the open sessions of every proxy silent for longer than the lease. */
    public int endLostSessions() {
        Instant now = now();
        int lost = jdbi.onDemand(SessionDao.class).endLostSessions(now.minus(lease), now);
        if (lost > 0) {
            LOG.info("event=sessions_lost reason=proxy-lost count={}", lost);
        }
        return lost;
    }

    /** A page of one server's session history, newest first. */
    public SessionPage history(String instanceUuid, String limit, String marker) {
        SessionRules.uuid("instance_uuid", instanceUuid);
        int size = SessionRules.pageSize(limit);
        SessionDao sessions = jdbi.onDemand(SessionDao.class);
        UUID after = null;
        if (marker != null && !marker.isEmpty()) {
            after = SessionRules.uuid("marker", marker);
            if (!sessions.existsFor(after, instanceUuid)) {
                throw new InvalidInputException("marker: is not a session of server " + instanceUuid);
            }
        }
        List<ConsoleSession> page = sessions.page(instanceUuid, after, size + 1);
        boolean more = page.size() > size;
        List<ConsoleSession> shown = more ? page.subList(0, size) : page;
        return new SessionPage(shown, more ? shown.get(shown.size() - 1).sessionId() : null);
    }

    /** Records that the proxy is alive; if it had been silent past the lease, ends its sessions first. */
    private boolean touchProxy(Handle handle, String proxyId, Instant now) {
        Instant previous = SessionStatements.heartbeat(handle, proxyId, now).orElse(null);
        boolean leaseLost = silentPastLease(previous, now);
        if (leaseLost) {
            int lost = handle.attach(SessionDao.class).endSessionsOfProxy(proxyId, now);
            logLeaseLost(proxyId, previous, lost);
        }
        return leaseLost;
    }

    /** A proxy whose previous heartbeat is older than the lease has lost its sessions (null: never seen). */
    private boolean silentPastLease(Instant previousHeartbeat, Instant now) {
        return previousHeartbeat != null && previousHeartbeat.isBefore(now.minus(lease));
    }

    private static void logLeaseLost(String proxyId, Instant silentSince, long sessionsEnded) {
        LOG.warn("event=proxy_lease_lost proxy={} silent_since={} sessions_ended={}", proxyId, silentSince, sessionsEnded);
    }

    private ConflictException inUse(TokenRow token) {
        String holder = jdbi.onDemand(SessionDao.class).findOpenWriter(token.instanceUuid(), token.portIndex())
                .map(s -> " since " + s.startedAt() + " by " + s.clientAddress())
                .orElse("");
        LOG.info("event=session_refused reason=console_in_use instance={} port_index={}",
                token.instanceUuid(), token.portIndex());
        return new ConflictException(ConsoleSessionContract.CONSOLE_IN_USE, "console in use: serial port " + token.portIndex()
                + " of server " + token.instanceUuid() + " has a writer" + holder);
    }

    private static NotFoundException unknownSession() {
        return new NotFoundException("session_unknown", "No such console session.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
