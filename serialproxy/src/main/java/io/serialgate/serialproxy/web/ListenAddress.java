package io.serialgate.serialproxy.web;

import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.serialgate.common.config.SerialConsoleOptions;

/**
 * Applies {@code serial_console.listen} (the address nova-serialproxy binds) to the HTTP
 * connectors. A listen address other than the spec default 0.0.0.0 always wins; the default only
 * fills in a connector that names no bindHost, so a file that deliberately binds 127.0.0.1 in
 * {@code server:} is not silently opened to every interface.
 */
public final class ListenAddress {

    public static final String SPEC_DEFAULT = "0.0.0.0";

    private ListenAddress() {}

    public static void apply(SerialConsoleOptions options, ServerFactory serverFactory) {
        String listen = options.listen();
        for (ConnectorFactory connector : ApplicationConnectors.of(serverFactory)) {
            if (connector instanceof HttpConnectorFactory http
                    && (!SPEC_DEFAULT.equals(listen) || http.getBindHost() == null)) {
                http.setBindHost(listen);
            }
        }
    }
}
