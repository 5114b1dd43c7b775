package io.serialgate.serialproxy.web;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/** A {@link ServerConnector} whose sockets handle websocket frames on the selector ({@link WebSocketOnSelectorEndPoint}). */
final class WebSocketOnSelectorConnector extends ServerConnector {

    /** Takes over everything {@code configured} was built with (Dropwizard's connector settings). */
    WebSocketOnSelectorConnector(ServerConnector configured) {
        super(configured.getServer(), configured.getExecutor(), configured.getScheduler(), configured.getByteBufferPool(),
                configured.getAcceptors(), configured.getSelectorManager().getSelectorCount(),
                configured.getConnectionFactories().toArray(ConnectionFactory[]::new));
        setPort(configured.getPort());
        setHost(configured.getHost());
        setInheritChannel(configured.isInheritChannel());
        setAcceptQueueSize(configured.getAcceptQueueSize());
        setReuseAddress(configured.getReuseAddress());
        setReusePort(configured.isReusePort());
        setIdleTimeout(configured.getIdleTimeout());
        setShutdownIdleTimeout(configured.getShutdownIdleTimeout());
        setAcceptedTcpNoDelay(configured.getAcceptedTcpNoDelay());
        setAcceptedReceiveBufferSize(configured.getAcceptedReceiveBufferSize());
        setAcceptedSendBufferSize(configured.getAcceptedSendBufferSize());
        setName(configured.getName());
        if (!configured.getDefaultProtocol().equalsIgnoreCase(getDefaultProtocol())) {
            setDefaultProtocol(configured.getDefaultProtocol()); // (it lower-cases the name)
        }
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) throws IOException {
        SocketChannelEndPoint endPoint = new WebSocketOnSelectorEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
