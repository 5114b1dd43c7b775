package io.serialgate.client;

/**
 * The documented exit codes of {@code serialgate-client}. Scripts branch on these, so a number
 * never changes meaning once released.
 *
 * <pre>
 * 0  OK            the command did what was asked (a detached or normally closed console too)
 * 1  INTERNAL      a bug in the client (run again with --debug and report the stack trace)
 * 2  USAGE         bad command line or missing settings, or the api rejected the request as invalid (400)
 * 3  AUTH          no valid token: the api answered 401/403, or the console proxy refused the token
 * 4  NOT_FOUND     the server (or console) does not exist (404, or no server matches the name)
 * 5  CONFLICT      the request conflicts with the current state (409, ambiguous server name,
 *                  the serial port already has a writer)
 * 6  SERVER_ERROR  the api or the console proxy failed or answered something unexpected (5xx)
 * 7  NETWORK       the api or the console proxy cannot be reached, or the connection was lost
 * 8  ENDED         the console proxy ended the session for its own reasons (idle timeout, viewer
 *                  too slow, proxy shutting down, session lease lost): connecting again may work
 * </pre>
 *
 * <p>Console close codes map onto the same list ({@code console.CloseCodes}): an administrator's
 * disconnect and a viewer whose writer left are CONFLICT, an expired token is AUTH.
 */
public final class ExitCode {

    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int AUTH = 3;
    public static final int NOT_FOUND = 4;
    public static final int CONFLICT = 5;
    public static final int SERVER_ERROR = 6;
    public static final int NETWORK = 7;
    public static final int ENDED = 8;

    /** The same list as the class comment, shown at the end of every --help. */
    public static final String[] HELP_LIST = {
        "  0  success (also: console detached or closed normally)",
        "  1  internal error of the client (rerun with --debug)",
        "  2  usage: bad arguments or settings, or the api said 400 badRequest",
        "  3  auth: missing or refused token (401/403, console token refused)",
        "  4  not found: no such server (404)",
        "  5  conflict: 409, ambiguous server name, serial port busy",
        "  6  server error: the api or console proxy failed (5xx, unexpected answer)",
        "  7  network: cannot reach the api or console proxy, or connection lost",
        "  8  console ended by the proxy: idle timeout, viewer too slow, proxy restarting",
    };

    private ExitCode() {
    }

    /** The exit code for an HTTP error status answered by the api or the console proxy. */
    public static int forHttpStatus(int status) {
        return switch (status) {
            case 400, 422 -> USAGE;
            case 401, 403 -> AUTH;
            case 404, 410 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> SERVER_ERROR;
        };
    }
}
