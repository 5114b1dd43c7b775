package io.serialgate.common.error;

/** The caller is known but may not do this. */
public class ForbiddenException extends SerialgateException {

    public ForbiddenException(String message) {
        super("forbidden", message);
    }

    public ForbiddenException(String reason, String message) {
        super(reason, message);
    }

    public ForbiddenException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    @Override
    public int status() {
        return 403;
    }
}
