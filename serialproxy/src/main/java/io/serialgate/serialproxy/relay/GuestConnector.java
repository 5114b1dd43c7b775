package io.serialgate.serialproxy.relay;

import io.dropwizard.lifecycle.Managed;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Opens the TCP connections to guests' serial ports, all on one Jetty selector: guest sockets are
 * driven the way Jetty drives the browsers' sockets, so guest output is relayed on the thread that
 * saw it arrive (see {@link GuestSocket}) instead of crossing to a second I/O framework's threads.
 */
public final class GuestConnector implements Managed {

    /** A guest that does not answer a SYN within this long is reported unreachable. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ClientConnector connector = new ClientConnector();

    public GuestConnector() {
        // The selector thread plus the few tasks that may block (connect completions, recording reads).
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("serialproxy-guest");
        threads.setDaemon(true);
        connector.setExecutor(threads);
        connector.setSelectors(1);
        // Keystrokes are a byte or two each: send them now, not after Nagle's delay.
        connector.setTCPNoDelay(true);
        connector.setConnectTimeout(CONNECT_TIMEOUT);
        // Zero: no idle timeout on guest sockets; the relay's own idle timeout decides.
        connector.setIdleTimeout(Duration.ZERO);
    }

    @Override
    public void start() throws Exception {
        connector.start();
    }

    @Override
    public void stop() throws Exception {
        connector.stop();
    }

    /** Starts connecting to host:port; the outcome arrives through the connection's future. */
    public GuestConnection connect(String host, int port) {
        GuestConnection connection = new GuestConnection();
        Map<String, Object> context = new HashMap<>();
        context.put(Transport.CONTEXT_KEY, Transport.TCP_IP);
        context.put(ClientConnectionFactory.CONTEXT_KEY, (ClientConnectionFactory) (endPoint, ctx) ->
                new GuestSocket(endPoint, connector.getExecutor(), connector.getByteBufferPool()));
        context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY, Promise.<Connection>from(
                opened -> connection.opened((GuestSocket) opened), connection::failedToOpen));
        // Failures, even an unresolvable host, arrive through the promise.
        connector.connect(new InetSocketAddress(host, port), context);
        return connection;
    }
}
