package io.serialgate.common.error;

/**
 * A failure the user or a calling service can meet. Each subclass is one kind of failure with one
 * HTTP status; the status is chosen here once, never in a resource method. The message is a
 * sentence meant for a person and must never contain a token or a secret.
 */
public abstract class SerialgateException extends RuntimeException {

    private final String reason;

    protected SerialgateException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    protected SerialgateException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The HTTP status this failure is answered with. */
    public abstract int status();

    /** A stable, machine-readable word for the failure (for example {@code token_expired}). */
    public String reason() {
        return reason;
    }

    /** Rebuilds the exception a service answered with, from its status and error body. */
    public static SerialgateException fromStatus(int status, String reason, String message) {
        return switch (status) {
            case 400, 413, 422 -> new InvalidInputException(reason, message);
            case 401 -> new UnauthorizedException(reason, message);
            case 403 -> new ForbiddenException(reason, message);
            case 404, 410 -> new NotFoundException(reason, message);
            case 409 -> new ConflictException(reason, message);
            case 501 -> new NotImplementedException(reason, message);
            default -> new UnavailableException(reason, message);
        };
    }
}
