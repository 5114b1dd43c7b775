package io.serialgate.common.client;

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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Typed client of consoleauth's console-session API ({@link ConsoleSessionContract}).
 * serialproxy opens, ends and heartbeats sessions; api revokes them and lists a server's history.
 * Failures arrive as {@code SerialgateException}s carrying consoleauth's reason
 * ({@code token_unknown}, {@code console_in_use}, {@code session_unknown}, ...); an unreachable
 * consoleauth is {@code UnavailableException}.
 */
public class ConsoleSessionsClient {

    private final InternalHttpClient http;

    public ConsoleSessionsClient(URI baseUri, String secret, Duration timeout) {
        this.http = new InternalHttpClient("consoleauth", baseUri, secret, timeout);
    }

    /**
     * Opens a session for a presented token: the session and where to connect.
     * {@code NotFoundException} token_* if the token may not be used; {@code ConflictException}
     * console_in_use if {@code role} is writer and the serial port already has one.
     */
    public OpenedSession open(OpenSessionRequest request) {
        return http.post(ConsoleSessionContract.SESSIONS, request, OpenedSession.class);
    }

    /** Records why a session ended; idempotent (the first reason stays). NotFound session_unknown. */
    public ConsoleSession end(String sessionId, String reason) {
        String path = ConsoleSessionContract.SESSION_END.replace("{session_id}", segment(sessionId));
        return http.post(path, new EndSessionRequest(reason), ConsoleSession.class);
    }

    /** Force disconnect of one session (and revocation of its token). NotFound session_unknown. */
    public RevokedSessions revokeSession(String sessionId) {
        return revoke(new RevokeSessionsRequest(sessionId, null, null));
    }

    /** Force disconnect of every open session of one serial port, and revocation of its unexpired tokens. */
    public RevokedSessions revokePort(String instanceUuid, int portIndex) {
        return revoke(new RevokeSessionsRequest(null, instanceUuid, portIndex));
    }

    public RevokedSessions revoke(RevokeSessionsRequest request) {
        return http.post(ConsoleSessionContract.REVOKE, request, RevokedSessions.class);
    }

    /**
     * One proxy's heartbeat, once a second whatever its session count: renews the lease of all its
     * sessions and answers the ones to close now (revoked), or that the lease was lost (close all).
     */
    public ProxyHeartbeatAnswer heartbeat(String proxyId) {
        String path = ConsoleSessionContract.PROXY_HEARTBEAT.replace("{proxy_id}", segment(proxyId));
        return http.post(path, null, ProxyHeartbeatAnswer.class);
    }

    /**
     * The heartbeat of one proxy process, {@code beat} naming its incarnation: the first one
     * ({@link ProxyHeartbeat#starting}) ends the sessions an earlier process with the same proxy_id
     * left open, as proxy-lost; a superseded incarnation is answered lease_lost.
     */
    public ProxyHeartbeatAnswer heartbeat(String proxyId, ProxyHeartbeat beat) {
        Objects.requireNonNull(beat, "beat");
        String path = ConsoleSessionContract.PROXY_HEARTBEAT.replace("{proxy_id}", segment(proxyId));
        return http.post(path, beat, ProxyHeartbeatAnswer.class);
    }

    /** The first page (default size) of a server's session history, newest first. */
    public SessionPage history(String instanceUuid) {
        return history(instanceUuid, null, null);
    }

    /**
     * A page of a server's session history, newest first. {@code limit} (1..1000) and
     * {@code marker} (the previous page's {@code next_marker}) may be null.
     */
    public SessionPage history(String instanceUuid, Integer limit, String marker) {
        StringBuilder path = new StringBuilder(
                ConsoleSessionContract.INSTANCE_SESSIONS.replace("{instance_uuid}", segment(instanceUuid)));
        char separator = '?';
        if (limit != null) {
            path.append(separator).append("limit=").append(limit);
            separator = '&';
        }
        if (marker != null) {
            path.append(separator).append("marker=").append(URLEncoder.encode(marker, StandardCharsets.UTF_8));
        }
        return http.get(path.toString(), SessionPage.class);
    }

    // URLEncoder is for forms: a space becomes '+', which a path would keep literally.
    private static String segment(String value) {
        Objects.requireNonNull(value, "path segment");
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
