package io.serialgate.serialproxy.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;

/**
 * The TCP connection to a guest's serial port. It is started as soon as a writer is admitted, so
 * the connect runs while Jetty answers the websocket upgrade instead of after it (a few hundred
 * microseconds off connect-to-first-echo, measured with bench/run.sh).
 */
public final class GuestConnection {

    private final CompletableFuture<AsynchronousSocketChannel> connected = new CompletableFuture<>();
    private final AsynchronousSocketChannel channel;

    private GuestConnection(AsynchronousSocketChannel channel) {
        this.channel = channel;
    }

    /** Starts connecting to host:port; failures arrive through {@link #connected()}. */
    public static GuestConnection start(String host, int port) {
        AsynchronousSocketChannel channel = null;
        try {
            channel = AsynchronousSocketChannel.open();
            // Keystrokes are a byte or two each: send them now, not after Nagle's delay.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            GuestConnection connection = new GuestConnection(channel);
            channel.connect(new InetSocketAddress(host, port), null, new CompletionHandler<Void, Void>() {
                @Override
                public void completed(Void result, Void unused) {
                    connection.connected.complete(connection.channel);
                }

                @Override
                public void failed(Throwable failure, Void unused) {
                    connection.connected.completeExceptionally(failure);
                }
            });
            return connection;
        } catch (IOException | RuntimeException e) {
            GuestConnection failed = new GuestConnection(channel);
            failed.close();
            failed.connected.completeExceptionally(e);
            return failed;
        }
    }

    /** Completes with the connected channel, or exceptionally when the guest cannot be reached. */
    public CompletableFuture<AsynchronousSocketChannel> connected() {
        return connected;
    }

    /** Closes the socket, connected or not (a pending connect then fails). */
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already closed by the guest: nothing to release.
            }
        }
    }
}
