package io.serialgate.common.error;

/** The backend cannot do this (for example a driver without serial consoles). */
public class NotImplementedException extends SerialgateException {

    public NotImplementedException(String message) {
        super("not_implemented", message);
    }

    public NotImplementedException(String reason, String message) {
        super(reason, message);
    }

    public NotImplementedException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    @Override
    public int status() {
        return 501;
    }
}
