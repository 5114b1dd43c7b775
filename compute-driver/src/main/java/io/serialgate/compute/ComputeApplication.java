package io.serialgate.compute;

import io.dropwizard.core.setup.Environment;
import io.serialgate.common.app.SerialgateApplication;
import io.serialgate.common.client.ApiInternalClient;
import io.serialgate.common.config.InternalEndpoints;
import io.serialgate.common.config.PortRange;
import io.serialgate.common.contract.ComputeHostInfo;
import io.serialgate.common.db.Databases;
import io.serialgate.compute.core.ComputeDriver;
import io.serialgate.compute.core.HostHeartbeat;
import io.serialgate.compute.core.PortAllocator;
import io.serialgate.compute.core.PortProbe;
import io.serialgate.compute.core.SpawnRequestValidator;
import io.serialgate.compute.core.external.ExternalDriver;
import io.serialgate.compute.core.fake.FakeDriver;
import io.serialgate.compute.core.libvirt.LibvirtConnector;
import io.serialgate.compute.core.libvirt.LibvirtDriver;
import io.serialgate.compute.health.DriverHealthCheck;
import io.serialgate.compute.resources.HostResource;
import io.serialgate.compute.resources.ServersResource;
import io.serialgate.common.app.ReportingTask;
import java.net.InetAddress;
import java.time.Duration;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** compute-driver: runs servers on this host and tells where their serial consoles listen. */
public class ComputeApplication extends SerialgateApplication<ComputeConfiguration> {

    public static final String SCHEMA = "compute";
    private static final Logger LOG = LoggerFactory.getLogger(ComputeApplication.class);

    public static void main(String[] args) throws Exception {
        new ComputeApplication().run(args);
    }

    @Override
    public String getName() {
        return "compute-driver";
    }

    @Override
    protected String databaseSchema() {
        return SCHEMA;
    }

    @Override
    public void run(ComputeConfiguration configuration, Environment environment) throws Exception {
        // Credential, body limit, and every error (Jersey's and Jackson's included) as an ErrorBody.
        protectInternalApi(configuration, environment);

        ComputeOptions compute = configuration.compute();
        PortRange range = configuration.serialConsole().portRange();
        InetAddress listenAddress = InetAddress.getByName(configuration.serialConsole().proxyclientAddress());
        Jdbi jdbi = Databases.migrateAndConnect(environment, configuration.database(), SCHEMA);
        PortAllocator allocator = new PortAllocator(jdbi, compute.host(), range, new PortProbe(listenAddress));
        ComputeDriver driver = createDriver(compute, jdbi, allocator, listenAddress,
                configuration.serialConsole().proxyclientAddress());
        environment.lifecycle().manage(driver);
        environment.healthChecks().register("compute-driver", new DriverHealthCheck(driver));
        if (driver instanceof LibvirtDriver libvirt) {
            // Makes compute.servers, the port allocations and libvirt's domains agree now, as start-up
            // does, and prints what it fixed (domains=N kept=N destroyed=N adopted=N removed=N recorded=N released=N).
            environment.admin().addTask(new ReportingTask("reconcile-ports", libvirt::reconcile));
        }

        environment.jersey().register(new ServersResource(driver, new SpawnRequestValidator(compute.maxSerialPorts())));
        environment.jersey().register(new HostResource(new ComputeHostInfo(compute.host(), driver.name(), range.toString())));
        startHeartbeat(configuration, environment, driver, allocator);
    }

    /** Heartbeat to the api when {@code internal:} is configured and compute.heartbeat_seconds is not 0. */
    private static void startHeartbeat(ComputeConfiguration configuration, Environment environment,
                                       ComputeDriver driver, PortAllocator allocator) {
        ComputeOptions compute = configuration.compute();
        InternalEndpoints internal = configuration.internal();
        if (internal == null || compute.heartbeatSeconds() == 0) {
            LOG.info("event=heartbeat_off reason={}", internal == null ? "no_internal_section" : "heartbeat_seconds_0");
            return;
        }
        ApiInternalClient api = new ApiInternalClient(internal.apiUrl(), configuration.serviceAuth().secret(),
                Duration.ofSeconds(internal.timeoutSeconds()));
        HostHeartbeat heartbeat = new HostHeartbeat(api, internal.apiUrl().toString(), driver.name(), allocator,
                compute.maxSerialPorts(), Duration.ofSeconds(compute.heartbeatSeconds()), compute.advertiseUrl());
        environment.lifecycle().manage(heartbeat);
        if (compute.advertiseUrl() == null) {
            // The port is known for certain only once the server listens (port 0 picks one then).
            String bindHost = AdvertisedUrl.bindHost(configuration.getServerFactory());
            environment.lifecycle().addServerLifecycleListener(
                    server -> heartbeat.advertise(AdvertisedUrl.of(bindHost, applicationPort(server))));
        }
    }

    /** The first connector is the application's (simple server: the only one). */
    private static int applicationPort(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                return network.getLocalPort();
            }
        }
        return 0;
    }

    /** The driver named by {@code compute.driver} (checked at load time). */
    protected ComputeDriver createDriver(ComputeOptions compute, Jdbi jdbi, PortAllocator allocator,
                                         InetAddress listenAddress, String proxyclientAddress) {
        return switch (compute.driver()) {
            case FakeDriver.NAME -> new FakeDriver(jdbi, allocator, listenAddress, proxyclientAddress);
            case ExternalDriver.NAME -> new ExternalDriver(jdbi, compute.host(), compute.maxSerialPorts());
            case LibvirtDriver.NAME -> new LibvirtDriver(compute.libvirt(),
                    LibvirtConnector.forUri(compute.libvirt().uri()), allocator, jdbi, proxyclientAddress);
            default -> throw new IllegalStateException("compute.driver: unknown driver '" + compute.driver() + "'");
        };
    }
}
