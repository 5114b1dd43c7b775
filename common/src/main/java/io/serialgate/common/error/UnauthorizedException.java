package io.serialgate.common.error;

/** The caller did not prove who it is. */
public class UnauthorizedException extends SerialgateException {

    public UnauthorizedException(String message) {
        super("unauthorized", message);
    }

    public UnauthorizedException(String reason, String message) {
        super(reason, message);
    }

    public UnauthorizedException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    @Override
    public int status() {
        return 401;
    }
}
