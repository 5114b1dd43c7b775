package io.serialgate.serialproxy;

import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.serialgate.common.app.SerialgateApplication;
import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.client.ConsoleSessionsClient;
import io.serialgate.common.client.ConsoleauthClient;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.serialgate.serialproxy.cli.SerialproxyServerCommand;
import io.serialgate.serialproxy.core.ConsoleGate;
import io.serialgate.serialproxy.core.OriginPolicy;
import io.serialgate.serialproxy.core.PortClaims;
import io.serialgate.serialproxy.health.ConsoleauthHealthCheck;
import io.serialgate.serialproxy.metrics.PrometheusServlet;
import io.serialgate.serialproxy.metrics.ProxyMetrics;
import io.serialgate.serialproxy.relay.ConsoleLogReplay;
import io.serialgate.serialproxy.relay.ConsoleRegistry;
import io.serialgate.serialproxy.relay.GuestConnector;
import io.serialgate.serialproxy.relay.RelaySettings;
import io.serialgate.serialproxy.relay.SerialRelay;
import io.serialgate.serialproxy.sessions.ProxyIds;
import io.serialgate.serialproxy.sessions.SessionTracker;
import io.serialgate.serialproxy.tls.TlsListeners;
import io.serialgate.serialproxy.web.ConsoleServlet;
import io.serialgate.serialproxy.web.ListenAddress;
import io.serialgate.serialproxy.web.WebSocketOnSelectorConnectors;
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

    /** "server" with novncproxy-style flags (--listen, --record, --ssl-only, ...); "check" as usual. */
    @Override
    protected void addDefaultCommands(Bootstrap<SerialproxyConfiguration> bootstrap) {
        bootstrap.addCommand(new SerialproxyServerCommand(this));
        bootstrap.addCommand(new io.dropwizard.core.cli.CheckCommand<>(this));
    }

    @Override
    public void run(SerialproxyConfiguration configuration, Environment environment) {
        // These change how the server is built, which happens after run() returns.
        ListenAddress.apply(configuration.serialConsole(), configuration.getServerFactory());
        RequestLogs.stripQueryStrings(configuration.getServerFactory());
        if (!configuration.serialConsole().record()) {
            // Keystrokes handled on the selector thread; recording writes a file per frame, so not then.
            WebSocketOnSelectorConnectors.apply(configuration.getServerFactory());
        }
        TlsListeners.apply(configuration.serialConsole(), configuration.getServerFactory());

        ConsoleauthClient consoleauth = new ConsoleauthClient(configuration.internal().consoleauthUrl(),
                configuration.serviceAuth().secret(), Duration.ofSeconds(configuration.internal().timeoutSeconds()));
        Duration internalTimeout = Duration.ofSeconds(configuration.internal().timeoutSeconds());
        SessionTracker sessions = new SessionTracker(new ConsoleSessionsClient(configuration.internal().consoleauthUrl(),
                configuration.serviceAuth().secret(), internalTimeout), configuration.serialproxy().proxyId());
        // Registered before the console registry so it stops after it: the ends of the consoles
        // closed for shutdown still reach consoleauth.
        environment.lifecycle().manage(sessions);
        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
            @Override
            public void serverStarted(org.eclipse.jetty.server.Server server) {
                sessions.proxyIdIfUnset(ProxyIds.defaultId(getLocalPort(server)));
            }
        });
        ConsoleGate<SerialRelay> gate = new ConsoleGate<>(new OriginPolicy(configuration.serialproxy().allowedOrigins(),
                configuration.serialConsole().baseUrl()),
                consoleauth, new PortClaims<>(), sessions,
                id -> sessions.handle(id).ended("browser", 1000, "refused after open"));
        StaticFiles files = StaticFiles.from(configuration.serialConsole().web());

        SerialproxyOptions options = configuration.serialproxy();
        // Managed before the registry, so it stops after the consoles were closed.
        GuestConnector guests = new GuestConnector();
        environment.lifecycle().manage(guests);
        ConsoleRegistry registry = new ConsoleRegistry();
        environment.lifecycle().manage(registry);
        // Close consoles with 1001 "proxy shutting down" as soon as the server begins to stop.
        environment.lifecycle().addEventListener(registry);
        ProxyMetrics metrics = new ProxyMetrics(registry);
        Duration keepalive = Duration.ofSeconds(options.keepaliveSeconds());
        Duration idle = Duration.ofSeconds(options.idleTimeoutSeconds());
        RelaySettings.Recording recording = configuration.serialConsole().record()
                ? new RelaySettings.Recording(java.nio.file.Path.of(options.recordDir()), options.recordInput(),
                        options.recordMaxKib() * 1024L)
                : null;
        ConsoleLogReplay replay = options.replayLogBytes() == 0 ? ConsoleLogReplay.OFF
                : new ConsoleLogReplay(new ComputeClient(configuration.internal().computeUrl(),
                        configuration.serviceAuth().secret(), internalTimeout), options.replayLogBytes(),
                        REPLAY_WAIT, replayExecutor(environment));
        RelaySettings settings = new RelaySettings(registry, metrics, keepalive, idle, options.viewerBufferKib() * 1024,
                recording, options.endAtTokenExpiry(), replay, guests);

        // serialproxy has no REST resources: every path belongs to the console servlet.
        environment.jersey().disable();
        Duration deadConnection = transportIdleTimeout(keepalive, idle);
        JettyWebSocketServletContainerInitializer.configure(environment.getApplicationContext(), (context, container) -> {
            container.setIdleTimeout(deadConnection);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        });
        environment.servlets().addServlet("console", new ConsoleServlet(gate, files, settings, sessions)).addMapping("/*");
        environment.admin().addServlet("prometheus", new PrometheusServlet(metrics)).addMapping("/prometheus");
        environment.healthChecks().register("consoleauth",
                new ConsoleauthHealthCheck(configuration.internal().consoleauthUrl(), configuration.internal().timeoutSeconds()));
        if (configuration.serialConsole().daemon()) {
            LOG.info("event=daemon_option_ignored reason=\"serialproxy never forks; let systemd supervise it (Type=simple)\"");
        }
        LOG.info("event=serialproxy_configured static_files={} allowed_origins={} idle_timeout_seconds={} "
                        + "keepalive_seconds={}", files.source(), options.allowedOrigins().size(), idle.toSeconds(),
                keepalive.toSeconds());
    }

    /** How long a new console waits for compute-driver's log before going live without it. */
    static final Duration REPLAY_WAIT = Duration.ofSeconds(2);

    private static java.util.concurrent.ExecutorService replayExecutor(Environment environment) {
        return environment.lifecycle().executorService("serialproxy-replay-%d").minThreads(4).maxThreads(4)
                .workQueue(new java.util.concurrent.LinkedBlockingQueue<>(1024)).build();
    }

    /**
     * Jetty's own idle timeout only detects dead connections: with keepalive pings a live browser
     * answers pongs well within three intervals. The console idle timeout (data only) is enforced
     * by the relay itself so pings cannot keep an abandoned console open.
     */
    static Duration transportIdleTimeout(Duration keepalive, Duration idle) {
        if (!keepalive.isZero()) {
            return keepalive.multipliedBy(3).plusSeconds(5);
        }
        return idle.isZero() ? Duration.ofHours(24) : idle.plusSeconds(30);
    }
}
