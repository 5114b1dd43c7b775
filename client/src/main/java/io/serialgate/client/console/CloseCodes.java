package io.serialgate.client.console;

import io.serialgate.client.ExitCode;

/**
 * The exit code for a websocket close code from the console proxy. A normal close (the guest or
 * the user ended the session) is success; 1001 (the proxy is going away) is a server error; a policy violation (invalid, expired or revoked
 * token) is an auth failure; codes 4000-4999 are read as 4000 + an HTTP status (4404, 4409, ...),
 * the convention of websocket applications that need more than RFC 6455's codes.
 */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int NO_STATUS = 1005;
    public static final int ABNORMAL = 1006;
    public static final int POLICY_VIOLATION = 1008;

    private CloseCodes() {
    }

    public static int exitCode(int closeCode) {
        if (closeCode == NORMAL || closeCode == NO_STATUS) {
            return ExitCode.OK;
        }
        if (closeCode == POLICY_VIOLATION) {
            return ExitCode.AUTH;
        }
        if (closeCode == ABNORMAL) {
            return ExitCode.NETWORK;
        }
        if (closeCode >= 4400 && closeCode < 4600) {
            return ExitCode.forHttpStatus(closeCode - 4000);
        }
        return ExitCode.SERVER_ERROR;
    }
}
