package io.serialgate.compute.core.external;

import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.error.NotImplementedException;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.compute.core.ComputeDriver;
import io.serialgate.compute.core.ServerAction;
import io.serialgate.compute.core.InstanceSpec;
import io.serialgate.compute.db.ExternalConsoleDao;
import io.serialgate.compute.db.ExternalConsoleLookup;
import io.serialgate.compute.db.ServerDao;
import io.serialgate.compute.db.ServerRow;
import java.util.List;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers whose serial consoles exist already as TCP endpoints: physical serial lines behind
 * ser2net or a terminal server, bare-metal consoles through IPMI SOL and socat. "Spawning"
 * registers the endpoints listed in the image property {@code serial_endpoints} (which decides
 * the number of serial ports); nothing is started and no port is allocated.
 */
public final class ExternalDriver implements ComputeDriver {

    public static final String NAME = "external";
    private static final Logger LOG = LoggerFactory.getLogger(ExternalDriver.class);

    private final Jdbi jdbi;
    private final String host;
    private final int maxSerialPorts;
    private final ExternalConsoleLookup consoles;

    public ExternalDriver(Jdbi jdbi, String host, int maxSerialPorts) {
        this.jdbi = jdbi;
        this.host = host;
        this.maxSerialPorts = maxSerialPorts;
        this.consoles = new ExternalConsoleLookup(jdbi, host, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        // Nothing runs here: the endpoints live elsewhere.
    }

    @Override
    public void stop() {
        // Nothing to stop.
    }

    @Override
    public ComputeInstance spawn(InstanceSpec spec) {
        List<ExternalEndpoint> endpoints = ExternalEndpoint.parseList(spec.imageProperties().get(ExternalEndpoint.PROPERTY));
        if (endpoints.size() > maxSerialPorts) {
            throw new InvalidInputException("invalid_image_property", "Image property " + ExternalEndpoint.PROPERTY
                    + " lists " + endpoints.size() + " endpoints; at most " + maxSerialPorts + " are allowed.");
        }
        String uuid = spec.instanceUuid();
        jdbi.useTransaction(handle -> {
            if (handle.attach(ServerDao.class).tryInsert(uuid, spec.name(), host, NAME, endpoints.size()) == 0) {
                throw new ConflictException("server_exists", "Server " + uuid + " exists already.");
            }
            handle.attach(ExternalConsoleDao.class).insert(uuid,
                    IntStream.range(0, endpoints.size()).boxed().toList(),
                    endpoints.stream().map(ExternalEndpoint::host).toList(),
                    endpoints.stream().map(ExternalEndpoint::port).toList());
        });
        LOG.info("event=server_registered driver=external host={} instance={} serial_ports={}", host, uuid,
                endpoints.size());
        return new ComputeInstance(uuid, spec.name(), host, NAME, endpoints.size(), "running");
    }

    @Override
    public void destroy(String instanceUuid) {
        find(instanceUuid);
        jdbi.useExtension(ServerDao.class, dao -> dao.delete(host, instanceUuid)); // endpoints cascade
        LOG.info("event=server_unregistered driver=external host={} instance={}", host, instanceUuid);
    }

    @Override
    public List<ComputeInstance> list() {
        return jdbi.withExtension(ServerDao.class, dao -> dao.list(host, NAME)).stream().map(this::toInstance).toList();
    }

    @Override
    public ComputeInstance show(String instanceUuid) {
        return toInstance(find(instanceUuid));
    }

    @Override
    public SerialConsoleEndpoint serialConsole(String instanceUuid, int portIndex) {
        if (portIndex < 0) {
            throw new InvalidInputException("port_index must not be negative, got " + portIndex + ".");
        }
        ExternalConsoleLookup.Found found = consoles.find(instanceUuid, portIndex).orElseThrow(() -> unknown(instanceUuid));
        ExternalEndpoint endpoint = found.endpoint().orElseThrow(() -> new NotFoundException("serial_port_not_found",
                "Server " + instanceUuid + " has " + found.serialPortCount() + " serial port(s); port_index "
                        + portIndex + " does not exist."));
        return new SerialConsoleEndpoint(instanceUuid, portIndex, endpoint.host(), endpoint.port());
    }

    /** External consoles belong to machines serialgate does not power: 404 for an unknown server, else 501. */
    @Override
    public ComputeInstance act(String instanceUuid, ServerAction action) {
        find(instanceUuid);
        throw new NotImplementedException("action_unsupported", "The external driver cannot " + action.word()
                + " server " + instanceUuid + ": serialgate only relays its existing consoles.");
    }

    private ComputeInstance toInstance(ServerRow row) {
        return new ComputeInstance(row.instanceUuid(), row.name(), row.host(), NAME, row.serialPortCount(), "running");
    }

    private ServerRow find(String instanceUuid) {
        return jdbi.withExtension(ServerDao.class, dao -> dao.find(host, NAME, instanceUuid))
                .orElseThrow(() -> unknown(instanceUuid));
    }

    private NotFoundException unknown(String instanceUuid) {
        return new NotFoundException("server_not_found", "Server " + instanceUuid + " does not exist on host " + host + ".");
    }
}
