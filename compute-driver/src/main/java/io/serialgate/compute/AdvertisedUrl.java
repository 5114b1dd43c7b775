package io.serialgate.compute;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.List;

/**
 * The URL the api should use to reach this host's internal REST API when
 * {@code compute.advertise_url} is not set: {@code http://<connector bindHost>:<connector port>}.
 * A wildcard or missing bindHost says nothing about how to reach us from elsewhere, so 127.0.0.1
 * stands in (right for the all-in-one; a multi-host deployment sets advertise_url).
 */
final class AdvertisedUrl {

    private static final List<String> WILDCARDS = List.of("", "0.0.0.0", "::", "[::]");

    private AdvertisedUrl() {}

    /** The first application connector's bindHost, or null when it has none. */
    static String bindHost(ServerFactory server) {
        ConnectorFactory connector = null;
        if (server instanceof SimpleServerFactory simple) {
            connector = simple.getConnector();
        } else if (server instanceof DefaultServerFactory defaults && !defaults.getApplicationConnectors().isEmpty()) {
            connector = defaults.getApplicationConnectors().get(0);
        }
        return connector instanceof HttpConnectorFactory http ? http.getBindHost() : null;
    }

    static String of(String bindHost, int port) {
        String host = bindHost == null || WILDCARDS.contains(bindHost.trim()) ? "127.0.0.1" : bindHost.trim();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 literal
        }
        return "http://" + host + ":" + port;
    }
}
