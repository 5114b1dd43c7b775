package io.serialgate.deploy;

import io.dropwizard.core.setup.Environment;
import io.serialgate.api.ApiApplication;
import io.serialgate.api.ApiConfiguration;
import io.serialgate.compute.ComputeApplication;
import io.serialgate.compute.ComputeConfiguration;
import io.serialgate.consoleauth.ConsoleauthApplication;
import io.serialgate.consoleauth.ConsoleauthConfiguration;
import io.serialgate.serialproxy.SerialproxyApplication;
import io.serialgate.serialproxy.SerialproxyConfiguration;
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
        new ConsoleauthApplication() {
            @Override
            public void run(ConsoleauthConfiguration c, Environment e) {
                super.run(c, e);
                track(e);
            }

            @Override
            protected void onFatalError(Throwable t) {
                throw new ServiceStartException("consoleauth", t);
            }
        }.run("server", config.toString());
    }

    void startCompute(Path config) throws Exception {
        new ComputeApplication() {
            @Override
            public void run(ComputeConfiguration c, Environment e) throws Exception {
                super.run(c, e);
                track(e);
            }

            @Override
            protected void onFatalError(Throwable t) {
                throw new ServiceStartException("compute-driver", t);
            }
        }.run("server", config.toString());
    }

    void startApi(Path config) throws Exception {
        new ApiApplication() {
            @Override
            public void run(ApiConfiguration c, Environment e) {
                super.run(c, e);
                track(e);
            }

            @Override
            protected void onFatalError(Throwable t) {
                throw new ServiceStartException("api", t);
            }
        }.run("server", config.toString());
    }

    void startSerialproxy(Path config) throws Exception {
        new SerialproxyApplication() {
            @Override
            public void run(SerialproxyConfiguration c, Environment e) {
                super.run(c, e);
                track(e);
            }

            @Override
            protected void onFatalError(Throwable t) {
                throw new ServiceStartException("serialproxy", t);
            }
        }.run("server", config.toString());
    }

    private void track(Environment environment) {
        environment.lifecycle().addServerLifecycleListener(server -> {
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

    /** A service did not come up; its own message has been printed already. */
    static final class ServiceStartException extends RuntimeException {
        ServiceStartException(String service, Throwable cause) {
            super(service + " failed to start", cause);
        }
    }
}
