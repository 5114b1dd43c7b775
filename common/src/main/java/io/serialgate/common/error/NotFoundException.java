package io.serialgate.common.error;

/** The thing asked for does not exist (or the caller may not know it exists). */
public class NotFoundException extends SerialgateException {

    public NotFoundException(String message) {
        super("not_found", message);
    }

    public NotFoundException(String reason, String message) {
        super(reason, message);
    }

    public NotFoundException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    @Override
    public int status() {
        return 404;
    }
}
