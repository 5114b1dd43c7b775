package io.serialgate.common.contract;

/**
 * Paths of consoleauth's console-session API (all require the service credential). A session is
 * one websocket connection to one serial port, opened and ended by the serialproxy that holds it.
 */
public final class ConsoleSessionContract {
    /** POST {@link OpenSessionRequest} → 201 {@link OpenedSession}; 404 token_*; 409 console_in_use. */
    public static final String SESSIONS = "/v1/sessions";
    /** POST {@link EndSessionRequest} → 200 {@link ConsoleSession} (idempotent); 404 session_unknown. */
    public static final String SESSION_END = "/v1/sessions/{session_id}/end";
    /** POST {@link RevokeSessionsRequest} → 200 {@link RevokedSessions}: force disconnect. */
    public static final String REVOKE = "/v1/sessions/revoke";
    /** POST (no body) → 200 {@link ProxyHeartbeatAnswer}: one call per proxy every half second, whatever its session count. */
    public static final String PROXY_HEARTBEAT = "/v1/proxies/{proxy_id}/heartbeat";
    /** GET ?limit=&amp;marker= → 200 {@link SessionPage}, newest first. */
    public static final String INSTANCE_SESSIONS = "/v1/instances/{instance_uuid}/sessions";

    /** Values of {@link OpenSessionRequest#role()}. */
    public static final String ROLE_WRITER = "writer";
    public static final String ROLE_VIEWER = "viewer";

    /** The 409's reason when a writer is refused because the serial port has one already. */
    public static final String CONSOLE_IN_USE = "console_in_use";

    private ConsoleSessionContract() {}
}
