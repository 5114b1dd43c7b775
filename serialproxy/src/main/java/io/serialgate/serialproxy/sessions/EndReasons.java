package io.serialgate.serialproxy.sessions;

import io.serialgate.serialproxy.relay.CloseReasons;

/**
 * Translates how a console websocket ended (who closed it, with which code and reason) into the
 * end reason consoleauth records for audit: client-closed, guest-closed, revoked, idle-timeout,
 * token-expired or proxy-shutdown.
 */
public final class EndReasons {

    public static final String CLIENT_CLOSED = "client-closed";
    public static final String GUEST_CLOSED = "guest-closed";
    public static final String REVOKED = "revoked";
    public static final String IDLE_TIMEOUT = "idle-timeout";
    public static final String TOKEN_EXPIRED = "token-expired";
    public static final String PROXY_SHUTDOWN = "proxy-shutdown";

    private EndReasons() {}

    /**
     * @param closedBy {@code proxy} when the proxy closed the websocket, {@code browser} or {@code error} otherwise
     */
    public static String of(String closedBy, int code, String reason) {
        if (!"proxy".equals(closedBy)) {
            return CLIENT_CLOSED;
        }
        return switch (code) {
            case CloseReasons.GUEST_CLOSED -> GUEST_CLOSED;
            case CloseReasons.SHUTTING_DOWN -> PROXY_SHUTDOWN;
            case CloseReasons.IDLE_TIMEOUT -> IDLE_TIMEOUT;
            case CloseReasons.DISCONNECTED_BY_ADMIN -> REVOKED;
            case CloseReasons.TOKEN_EXPIRED -> TOKEN_EXPIRED;
            // 1011 covers both sides' failures: only the guest's are the guest's doing.
            case CloseReasons.GUEST_UNREACHABLE -> CloseReasons.BROWSER_FAILED_TEXT.equals(reason) ? CLIENT_CLOSED : GUEST_CLOSED;
            // viewer dropped, writer left, a malformed frame: the client's connection ended
            default -> CLIENT_CLOSED;
        };
    }
}
