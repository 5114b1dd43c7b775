package io.serialgate.client;

/**
 * A failure the user meets: printed as one line on stderr and turned into its exit code. The
 * message is a sentence for a person and never contains the token.
 */
public class ClientFailure extends RuntimeException {

    private final int exitCode;

    public ClientFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ClientFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static ClientFailure usage(String message) {
        return new ClientFailure(ExitCode.USAGE, message);
    }

    public static ClientFailure notFound(String message) {
        return new ClientFailure(ExitCode.NOT_FOUND, message);
    }

    public static ClientFailure conflict(String message) {
        return new ClientFailure(ExitCode.CONFLICT, message);
    }

    public static ClientFailure network(String message, Throwable cause) {
        return new ClientFailure(ExitCode.NETWORK, message, cause);
    }

    public static ClientFailure serverError(String message) {
        return new ClientFailure(ExitCode.SERVER_ERROR, message);
    }
}
