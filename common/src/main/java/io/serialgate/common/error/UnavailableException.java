package io.serialgate.common.error;

/** A service this request depends on is down or unreachable. */
public class UnavailableException extends SerialgateException {

    public UnavailableException(String message) {
        super("unavailable", message);
    }

    public UnavailableException(String reason, String message) {
        super(reason, message);
    }

    public UnavailableException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    @Override
    public int status() {
        return 503;
    }
}
