package io.serialgate.deploy;

import io.serialgate.api.ApiApplication;
import io.serialgate.common.app.SerialgateApplication;
import io.serialgate.compute.ComputeApplication;
import io.serialgate.consoleauth.ConsoleauthApplication;
import io.serialgate.serialproxy.SerialproxyApplication;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the four services in this JVM, each exactly as its own jar would ({@code server config.yml}),
 * and stops them in reverse order. A service that fails to start stops the launch with its own
 * message (already printed by the service) instead of exiting the JVM.
 */
final class InProcessServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessServices.class);

    private final Deque<Server> running = new ArrayDeque<>();

    void startConsoleauth(Path config) throws Exception {
        start(new ConsoleauthApplication(), config);
    }

    void startCompute(Path config) throws Exception {
        start(new ComputeApplication(), config);
    }

    void startApi(Path config) throws Exception {
        start(new ApiApplication(), config);
    }

    void startSerialproxy(Path config) throws Exception {
        start(new SerialproxyApplication(), config);
    }

    private void start(SerialgateApplication<?> service, Path config) throws Exception {
        service.runEmbedded(config.toString(), server -> {
            // The launcher stops the services itself, in reverse order and before PostgreSQL;
            // Jetty's own shutdown hook would race it and log a spurious "Unable to destroy".
            server.setStopAtShutdown(false);
            synchronized (running) {
                running.push(server);
            }
        });
    }

    @Override
    public void close() {
        synchronized (running) {
            while (!running.isEmpty()) {
                Server server = running.pop();
                try {
                    server.stop();
                } catch (Exception e) {
                    LOG.warn("event=service_stop_failed error={}", e.toString());
                }
            }
        }
    }
}
