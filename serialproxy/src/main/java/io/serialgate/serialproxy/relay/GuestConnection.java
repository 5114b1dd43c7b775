package io.serialgate.serialproxy.relay;

import java.util.concurrent.CompletableFuture;

/**
 * The TCP connection to a guest's serial port, from the moment a writer is admitted. The connect
 * starts at admission, so it runs while Jetty answers the websocket upgrade instead of after it.
 */
public final class GuestConnection {

    private final CompletableFuture<GuestSocket> connected = new CompletableFuture<>();

    GuestConnection() {
    }

    void opened(GuestSocket socket) {
        connected.complete(socket);
    }

    void failedToOpen(Throwable failure) {
        connected.completeExceptionally(failure);
    }

    /** Completes with the connected socket, or exceptionally when the guest cannot be reached. */
    CompletableFuture<GuestSocket> connected() {
        return connected;
    }

    /** Closes the socket now, or as soon as a connect still in progress completes. */
    public void close() {
        connected.thenAccept(GuestSocket::close);
    }
}
