package io.serialgate.common.error;

/** The request is not valid: a field is missing, malformed or out of range. */
public class InvalidInputException extends SerialgateException {

    public InvalidInputException(String message) {
        super("invalid_input", message);
    }

    public InvalidInputException(String reason, String message) {
        super(reason, message);
    }

    public InvalidInputException(String reason, String message, Throwable cause) {
        super(reason, message, cause);
    }

    @Override
    public int status() {
        return 400;
    }
}
