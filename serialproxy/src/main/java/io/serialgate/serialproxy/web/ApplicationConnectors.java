package io.serialgate.serialproxy.web;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The consoles' connectors of either Dropwizard server layout (the simple server's one connector,
 * or the default server's application connectors; never the admin ones), for the options that
 * change how they are built.
 */
public final class ApplicationConnectors {

    private ApplicationConnectors() {}

    public static List<ConnectorFactory> of(ServerFactory serverFactory) {
        if (serverFactory instanceof SimpleServerFactory simple) {
            return List.of(simple.getConnector());
        }
        if (serverFactory instanceof DefaultServerFactory full) {
            return full.getApplicationConnectors();
        }
        return List.of();
    }

    /** Replaces each application connector by {@code wrapper} of it; false for an unknown server layout. */
    public static boolean wrap(ServerFactory serverFactory, UnaryOperator<ConnectorFactory> wrapper) {
        if (serverFactory instanceof SimpleServerFactory simple) {
            simple.setConnector(wrapper.apply(simple.getConnector()));
            return true;
        }
        if (serverFactory instanceof DefaultServerFactory full) {
            // A mutable list, as Dropwizard's own.
            full.setApplicationConnectors(full.getApplicationConnectors().stream().map(wrapper)
                    .collect(Collectors.toCollection(ArrayList::new)));
            return true;
        }
        return false;
    }
}
