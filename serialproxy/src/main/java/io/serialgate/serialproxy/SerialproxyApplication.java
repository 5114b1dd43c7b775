package io.serialgate.serialproxy;

import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.serialgate.common.app.SerialgateApplication;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.serialproxy.core.ConsoleGate;
import io.serialgate.serialproxy.core.OriginPolicy;
import io.serialgate.serialproxy.core.PortClaims;
import io.serialgate.serialproxy.health.ConsoleauthHealthCheck;
import io.serialgate.serialproxy.web.ConsoleServlet;
import io.serialgate.serialproxy.web.ListenAddress;
import io.serialgate.serialproxy.web.RequestLogs;
import io.serialgate.serialproxy.web.StaticFiles;
import java.time.Duration;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The websocket serial console proxy: wiring only. */
public class SerialproxyApplication extends SerialgateApplication<SerialproxyConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(SerialproxyApplication.class);

    /** Largest single websocket message accepted from a browser (a big paste). */
    static final long MAX_MESSAGE_BYTES = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        new SerialproxyApplication().run(args);
    }

    @Override
    public String getName() {
        return "serialproxy";
    }

    @Override
    public void initialize(Bootstrap<SerialproxyConfiguration> bootstrap) {
        super.initialize(bootstrap);
    }

    @Override
    public void run(SerialproxyConfiguration configuration, Environment environment) {
        // Both change how the server is built, which happens after run() returns.
        ListenAddress.apply(configuration.serialConsole(), configuration.getServerFactory());
        RequestLogs.stripQueryStrings(configuration.getServerFactory());

        ConsoleauthClient consoleauth = new ConsoleauthClient(configuration.internal().consoleauthUrl(),
                configuration.serviceAuth().secret(), Duration.ofSeconds(configuration.internal().timeoutSeconds()));
        ConsoleGate gate = new ConsoleGate(new OriginPolicy(configuration.serialproxy().allowedOrigins()),
                consoleauth, new PortClaims());
        StaticFiles files = StaticFiles.from(configuration.serialConsole().web());

        // serialproxy has no REST resources: every path belongs to the console servlet.
        environment.jersey().disable();
        Duration idle = Duration.ofSeconds(configuration.serialproxy().idleTimeoutSeconds());
        JettyWebSocketServletContainerInitializer.configure(environment.getApplicationContext(), (context, container) -> {
            container.setIdleTimeout(idle);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        });
        environment.servlets().addServlet("console", new ConsoleServlet(gate, files)).addMapping("/*");
        environment.healthChecks().register("consoleauth",
                new ConsoleauthHealthCheck(configuration.internal().consoleauthUrl(), configuration.internal().timeoutSeconds()));
        LOG.info("event=serialproxy_configured static_files={} allowed_origins={} idle_timeout_seconds={}",
                files.source(), configuration.serialproxy().allowedOrigins().size(), idle.toSeconds());
    }
}
