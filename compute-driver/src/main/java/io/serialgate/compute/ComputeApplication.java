package io.serialgate.compute;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import io.serialgate.common.app.SerialgateApplication;
import io.serialgate.common.config.PortRange;
import io.serialgate.common.contract.ComputeHostInfo;
import io.serialgate.common.db.Databases;
import io.serialgate.compute.core.ComputeDriver;
import io.serialgate.compute.core.PortAllocator;
import io.serialgate.compute.core.PortProbe;
import io.serialgate.compute.core.SpawnRequestValidator;
import io.serialgate.compute.core.external.ExternalDriver;
import io.serialgate.compute.core.fake.FakeDriver;
import io.serialgate.compute.core.libvirt.LibvirtConnector;
import io.serialgate.compute.core.libvirt.LibvirtDriver;
import io.serialgate.compute.health.DriverHealthCheck;
import io.serialgate.compute.resources.HostResource;
import io.serialgate.compute.resources.JsonErrorMapper;
import io.serialgate.compute.resources.ServersResource;
import io.serialgate.compute.resources.UnexpectedErrorMapper;
import io.serialgate.compute.resources.WebApplicationErrorMapper;
import io.serialgate.compute.tasks.ReconcilePortsTask;
import java.net.InetAddress;
import org.jdbi.v3.core.Jdbi;

/** compute-driver: runs servers on this host and tells where their serial consoles listen. */
public class ComputeApplication extends SerialgateApplication<ComputeConfiguration> {

    public static final String SCHEMA = "compute";

    public static void main(String[] args) throws Exception {
        new ComputeApplication().run(args);
    }

    @Override
    public String getName() {
        return "compute-driver";
    }

    @Override
    public void run(ComputeConfiguration configuration, Environment environment) throws Exception {
        // Every error of this internal API is an ErrorBody, Jersey's and Jackson's included.
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        protectInternalApi(configuration, environment);
        environment.jersey().register(new JsonErrorMapper());
        environment.jersey().register(new WebApplicationErrorMapper());
        environment.jersey().register(new UnexpectedErrorMapper());

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
            environment.admin().addTask(new ReconcilePortsTask(libvirt));
        }

        environment.jersey().register(new ServersResource(driver, new SpawnRequestValidator(compute.maxSerialPorts())));
        environment.jersey().register(new HostResource(new ComputeHostInfo(compute.host(), driver.name(), range.toString())));
    }

    /** The driver named by {@code compute.driver} (checked at load time). */
    protected ComputeDriver createDriver(ComputeOptions compute, Jdbi jdbi, PortAllocator allocator,
                                         InetAddress listenAddress, String proxyclientAddress) {
        return switch (compute.driver()) {
            case FakeDriver.NAME -> new FakeDriver(jdbi, allocator, listenAddress, proxyclientAddress);
            case ExternalDriver.NAME -> new ExternalDriver(jdbi, compute.host(), compute.maxSerialPorts());
            case LibvirtDriver.NAME -> new LibvirtDriver(compute.libvirt(),
                    LibvirtConnector.forUri(compute.libvirt().uri()), allocator, proxyclientAddress);
            default -> throw new IllegalStateException("compute.driver: unknown driver '" + compute.driver() + "'");
        };
    }
}
