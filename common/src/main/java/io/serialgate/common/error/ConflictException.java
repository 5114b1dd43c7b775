package io.serialgate.common.error;

/** The request clashes with the current state (for example a console already in use). */
public class ConflictException extends SerialgateException {

    public ConflictException(String message) {
        super("conflict", message);
    }

    public ConflictException(String reason, String message) {
        super(reason, message);
    }

    public ConflictException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    @Override
    public int status() {
        return 409;
    }
}
