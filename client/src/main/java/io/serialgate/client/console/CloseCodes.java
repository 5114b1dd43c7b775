package io.serialgate.client.console;

import io.serialgate.client.ExitCode;
import java.util.Map;

/**
 * The exit code for a websocket close code from the console proxy, and what the code means when
 * the proxy gave no reason. serialproxy's codes (serialproxy/README.md, "Close codes"):
 *
 * <pre>
 * 1000 guest closed the port          0  OK        the console ended normally
 * 1001 proxy shutting down            8  ENDED     connect again (another or the restarted proxy)
 * 1011 guest serial port unreachable  6  SERVER_ERROR
 * 4000 idle timeout                   8  ENDED
 * 4001 disconnected by administrator  5  CONFLICT  someone reset the serial port or revoked the session
 * 4002 console closed by its writer   5  CONFLICT  (viewers) the writer this viewer watched left
 * 4003 viewer too slow                8  ENDED
 * 4004 token expired                  3  AUTH      get a new console URL
 * 4005 session lease lost             8  ENDED
 * </pre>
 *
 * Besides: 1005 (no code) is OK, 1006 (no close frame) NETWORK, 1008 (policy: invalid or revoked
 * token) AUTH, and 4400-4599 are read as 4000 + an HTTP status (4403, 4404, 4409...), the
 * convention of websocket applications that need more than RFC 6455's codes. Anything else is
 * SERVER_ERROR.
 */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int NO_STATUS = 1005;
    public static final int ABNORMAL = 1006;
    public static final int POLICY_VIOLATION = 1008;
    public static final int SERVER_ERROR = 1011;
    public static final int IDLE_TIMEOUT = 4000;
    public static final int DISCONNECTED_BY_ADMINISTRATOR = 4001;
    public static final int CLOSED_BY_WRITER = 4002;
    public static final int VIEWER_TOO_SLOW = 4003;
    public static final int TOKEN_EXPIRED = 4004;
    public static final int LEASE_LOST = 4005;

    private static final Map<Integer, String> MEANINGS = Map.of(
            NORMAL, "guest closed the port",
            GOING_AWAY, "proxy shutting down",
            SERVER_ERROR, "guest serial port unreachable",
            IDLE_TIMEOUT, "idle timeout",
            DISCONNECTED_BY_ADMINISTRATOR, "disconnected by administrator",
            CLOSED_BY_WRITER, "console closed by its writer",
            VIEWER_TOO_SLOW, "viewer too slow",
            TOKEN_EXPIRED, "token expired",
            LEASE_LOST, "session lease lost");

    private CloseCodes() {
    }

    public static int exitCode(int closeCode) {
        return switch (closeCode) {
            case NORMAL, NO_STATUS -> ExitCode.OK;
            case POLICY_VIOLATION, TOKEN_EXPIRED -> ExitCode.AUTH;
            case ABNORMAL -> ExitCode.NETWORK;
            case DISCONNECTED_BY_ADMINISTRATOR, CLOSED_BY_WRITER -> ExitCode.CONFLICT;
            case GOING_AWAY, IDLE_TIMEOUT, VIEWER_TOO_SLOW, LEASE_LOST -> ExitCode.ENDED;
            default -> closeCode >= 4400 && closeCode < 4600
                    ? ExitCode.forHttpStatus(closeCode - 4000)
                    : ExitCode.SERVER_ERROR;
        };
    }

    /** The proxy's reason, or what the code means when the proxy sent none. */
    public static String reason(int closeCode, String reason) {
        if (reason != null && !reason.isBlank()) {
            return reason;
        }
        return MEANINGS.getOrDefault(closeCode, "no reason given");
    }
}
