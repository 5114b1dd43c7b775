package io.serialgate.common.app;

/** A service run in-process did not come up; its own message has been printed already. */
public final class EmbeddedStartException extends RuntimeException {

    public EmbeddedStartException(String service, Throwable cause) {
        super(service + " failed to start", cause);
    }
}
