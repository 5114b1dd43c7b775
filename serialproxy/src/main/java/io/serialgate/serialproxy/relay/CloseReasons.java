package io.serialgate.serialproxy.relay;

/**
 * The websocket close codes and reasons a console ends with. The reason is shown to the user by
 * the terminal page, so it is short and plain. Standard codes where one fits; application codes
 * (4000-4999, RFC 6455 private use) where a client may want to act on the cause.
 *
 * <p>Refusals before the upgrade (invalid token, token expired, console in use, foreign origin)
 * are answered as HTTP 4xx with a JSON body instead, and never reach a websocket close.
 */
public final class CloseReasons {

    /** The guest (hypervisor) closed the TCP serial port. */
    public static final int GUEST_CLOSED = 1000;
    public static final String GUEST_CLOSED_TEXT = "guest closed the port";

    /** The proxy is stopping (graceful shutdown). */
    public static final int SHUTTING_DOWN = 1001;
    public static final String SHUTTING_DOWN_TEXT = "proxy shutting down";

    /** The serial port could not be reached or failed mid-session. */
    public static final int GUEST_UNREACHABLE = 1011;
    public static final String GUEST_UNREACHABLE_TEXT = "guest serial port unreachable";
    public static final String GUEST_FAILED_TEXT = "guest serial port failed";

    /** No data either way for serialproxy.idle_timeout_seconds (pings do not count). */
    public static final int IDLE_TIMEOUT = 4000;
    public static final String IDLE_TIMEOUT_TEXT = "idle timeout";

    /** The console's session was revoked (force disconnect from the API). */
    public static final int DISCONNECTED_BY_ADMIN = 4001;
    public static final String DISCONNECTED_BY_ADMIN_TEXT = "disconnected by administrator";

    /** A viewer's console ended because its writer left. */
    public static final int WRITER_LEFT = 4002;
    public static final String WRITER_LEFT_TEXT = "console closed by its writer";

    /** A viewer that could not keep up with the guest's output was dropped (it must not stall the writer). */
    public static final int VIEWER_TOO_SLOW = 4003;
    public static final String VIEWER_TOO_SLOW_TEXT = "viewer too slow";

    /** The token's expiry passed while serialproxy.end_at_token_expiry is on. */
    public static final int TOKEN_EXPIRED = 4004;
    public static final String TOKEN_EXPIRED_TEXT = "token expired";

    /**
     * consoleauth ended this proxy's sessions because its heartbeat was silent past the lease
     * (another proxy may hold the writer slot now): every console here is closed.
     */
    public static final int LEASE_LOST = 4005;
    public static final String LEASE_LOST_TEXT = "session lease lost";

    /** The browser side failed (write error to the websocket). */
    public static final int BROWSER_FAILED = 1011;
    public static final String BROWSER_FAILED_TEXT = "browser connection failed";

    private CloseReasons() {}
}
