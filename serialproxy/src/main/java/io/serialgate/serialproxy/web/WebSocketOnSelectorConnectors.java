package io.serialgate.serialproxy.web;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Builds the application connectors as configured (Dropwizard's {@code server:} section), then as
 * {@link WebSocketOnSelectorConnector}s, so console keystrokes are relayed on the selector thread.
 * Applied before TLS, which wraps the result.
 */
public final class WebSocketOnSelectorConnectors implements ConnectorFactory {

    private final ConnectorFactory configured;

    private WebSocketOnSelectorConnectors(ConnectorFactory configured) {
        this.configured = configured;
    }

    public static void apply(ServerFactory serverFactory) {
        ApplicationConnectors.wrap(serverFactory, WebSocketOnSelectorConnectors::new);
    }

    @Override
    public Connector build(Server server, MetricRegistry metrics, String name, ThreadPool threadPool) {
        Connector connector = configured.build(server, metrics, name, threadPool);
        // Anything but a plain server connector (a custom connector type) is left as it was built.
        return connector.getClass() == ServerConnector.class
                ? new WebSocketOnSelectorConnector((ServerConnector) connector)
                : connector;
    }
}
