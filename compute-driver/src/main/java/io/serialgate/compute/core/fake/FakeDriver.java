package io.serialgate.compute.core.fake;

import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.ConsoleLog;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.compute.core.AllocatedPort;
import io.serialgate.compute.core.ComputeDriver;
import io.serialgate.compute.core.ComputeErrors;
import io.serialgate.compute.core.InstanceSpec;
import io.serialgate.compute.core.LastLines;
import io.serialgate.compute.core.PortAllocator;
import io.serialgate.compute.core.ServerAction;
import io.serialgate.compute.db.ServerDao;
import io.serialgate.compute.db.ServerRow;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers without a hypervisor, for demos and tests: each server is a row in
 * {@code compute.servers} and each of its serial ports a {@link FakeSerialPorts} listener on
 * {@code proxyclient_address} at a port from the {@link PortAllocator}. The rows survive a
 * restart and {@link #start()} opens the listeners of running servers again on the same ports.
 * Stopping a server closes its listeners but keeps its ports; starting, rebooting or rebuilding
 * it opens fresh listeners (a new shell, an empty transcript) on those same ports.
 */
public final class FakeDriver implements ComputeDriver {

    public static final String NAME = "fake";
    private static final Logger LOG = LoggerFactory.getLogger(FakeDriver.class);
    private static final String RUNNING = ServerRow.RUNNING;
    private static final String SHUTOFF = ServerRow.SHUTOFF;
    /** A server whose listeners could not be reopened (its port was taken while we were down). */
    private static final String ERROR = "error";

    private final Jdbi jdbi;
    private final PortAllocator allocator;
    private final InetAddress listenAddress;
    private final String proxyclientAddress;
    private volatile FakeSerialPorts serialPorts;

    /**
     * @param listenAddress      where the listeners bind (proxyclient_address resolved)
     * @param proxyclientAddress proxyclient_address as configured: the host consoles are reached at
     */
    public FakeDriver(Jdbi jdbi, PortAllocator allocator, InetAddress listenAddress, String proxyclientAddress) {
        this.jdbi = jdbi;
        this.allocator = allocator;
        this.listenAddress = listenAddress;
        this.proxyclientAddress = proxyclientAddress;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        serialPorts = FakeSerialPorts.start();
        List<ServerRow> servers = servers().list(host(), NAME);
        int failed = 0;
        for (ServerRow server : servers) {
            if (!server.isRunning()) {
                continue;
            }
            for (AllocatedPort port : allocator.portsOf(server.instanceUuid())) {
                try {
                    serialPorts.open(listenAddress, port.port(), server.name(), port.portIndex());
                } catch (UncheckedIOException e) {
                    failed++;
                    LOG.error("event=fake_serial_port_restore_failed instance={} port_index={} port={} error={}",
                            server.instanceUuid(), port.portIndex(), port.port(), e.getCause());
                }
            }
        }
        LOG.info("event=fake_driver_started host={} servers={} ports_failed={}", host(), servers.size(), failed);
    }

    @Override
    public void stop() {
        FakeSerialPorts ports = serialPorts;
        if (ports != null) {
            ports.close();
        }
    }

    @Override
    public ComputeInstance spawn(InstanceSpec spec) {
        String uuid = spec.instanceUuid();
        if (servers().tryInsert(uuid, spec.name(), host(), NAME, spec.serialPortCount()) == 0) {
            throw new ConflictException("server_exists", "Server " + uuid + " exists already.");
        }
        List<AllocatedPort> ports = List.of();
        try {
            ports = allocator.allocate(uuid, spec.serialPortCount());
            for (AllocatedPort port : ports) {
                serialPorts.open(listenAddress, port.port(), spec.name(), port.portIndex());
            }
        } catch (RuntimeException e) {
            undo(uuid, ports);
            if (e instanceof UncheckedIOException io) {
                throw new UnavailableException("serial_port_unavailable",
                        "Cannot open the serial ports of server " + uuid + ": " + io.getMessage() + ".", e);
            }
            throw e;
        }
        LOG.info("event=server_spawned driver=fake host={} instance={} serial_ports={}",
                host(), uuid, spec.serialPortCount());
        return new ComputeInstance(uuid, spec.name(), host(), NAME, spec.serialPortCount(), RUNNING);
    }

    @Override
    public void destroy(String instanceUuid) {
        ServerRow server = find(instanceUuid);
        for (AllocatedPort port : allocator.portsOf(instanceUuid)) {
            serialPorts.close(port.port());
        }
        allocator.release(instanceUuid);
        servers().delete(host(), instanceUuid);
        LOG.info("event=server_destroyed driver=fake host={} instance={}", host(), server.instanceUuid());
    }

    /** One action at a time on this host: two at once on one server would fight over its listeners. */
    @Override
    public synchronized ComputeInstance act(String instanceUuid, ServerAction action) {
        ServerRow server = find(instanceUuid);
        boolean running = server.isRunning();
        if (action == ServerAction.STOP && !running || action == ServerAction.START && running) {
            throw new ConflictException("invalid_state", "Cannot " + action.word() + " server " + instanceUuid
                    + " while it is " + server.powerState() + ".");
        }
        List<AllocatedPort> ports = allocator.portsOf(instanceUuid);
        closeListeners(ports);
        servers().setPowerState(host(), instanceUuid, SHUTOFF);
        boolean runAfter = switch (action) {
            case STOP -> false;
            case START, REBOOT -> true;
            case REBUILD -> running; // a rebuilt server stays in the power state it was in, as in Nova
        };
        if (runAfter) {
            openListeners(server, ports);
            servers().setPowerState(host(), instanceUuid, RUNNING);
        }
        LOG.info("event=server_action driver=fake host={} instance={} action={} power_state={}",
                host(), instanceUuid, action.word(), runAfter ? RUNNING : SHUTOFF);
        return show(instanceUuid);
    }

    /** Opens every listener of a server on its recorded ports, or none (Unavailable naming the port). */
    private void openListeners(ServerRow server, List<AllocatedPort> ports) {
        List<AllocatedPort> opened = new ArrayList<>();
        try {
            for (AllocatedPort port : ports) {
                serialPorts.open(listenAddress, port.port(), server.name(), port.portIndex());
                opened.add(port);
            }
        } catch (UncheckedIOException e) {
            closeListeners(opened);
            throw new UnavailableException("serial_port_unavailable", "Cannot open the serial ports of server "
                    + server.instanceUuid() + ": " + e.getMessage() + "; it stays stopped and keeps its ports.", e);
        }
    }

    private void closeListeners(List<AllocatedPort> ports) {
        for (AllocatedPort port : ports) {
            serialPorts.close(port.port());
        }
    }

    @Override
    public List<ComputeInstance> list() {
        return servers().list(host(), NAME).stream().map(this::toInstance).toList();
    }

    @Override
    public ComputeInstance show(String instanceUuid) {
        return toInstance(find(instanceUuid));
    }

    @Override
    public SerialConsoleEndpoint serialConsole(String instanceUuid, int portIndex) {
        return allocatedPort(instanceUuid, portIndex, true);
    }

    /**
     * Serial port {@code portIndex} of the server and its TCP port; with {@code requireRunning} a
     * stopped server is 409 (its listeners are closed while it is stopped).
     */
    private SerialConsoleEndpoint allocatedPort(String instanceUuid, int portIndex, boolean requireRunning) {
        if (portIndex < 0) {
            throw new InvalidInputException("port_index must not be negative, got " + portIndex + ".");
        }
        ServerRow server = find(instanceUuid);
        if (requireRunning && !server.isRunning()) {
            throw ComputeErrors.notRunning(instanceUuid);
        }
        if (portIndex >= server.serialPortCount()) {
            throw new NotFoundException("serial_port_not_found", "Server " + instanceUuid + " has "
                    + server.serialPortCount() + " serial port(s); port_index " + portIndex + " does not exist.");
        }
        return allocator.portsOf(instanceUuid).stream()
                .filter(p -> p.portIndex() == portIndex)
                .findFirst()
                .map(p -> new SerialConsoleEndpoint(instanceUuid, portIndex, proxyclientAddress, p.port()))
                .orElseThrow(() -> new UnavailableException("serial_port_unavailable",
                        "Serial port " + portIndex + " of server " + instanceUuid + " has no TCP port allocated."));
    }

    @Override
    public ConsoleLog consoleLog(String instanceUuid, int portIndex, int lines) {
        SerialConsoleEndpoint endpoint = allocatedPort(instanceUuid, portIndex, false);
        byte[] transcript = serialPorts.transcript(endpoint.port());
        byte[] kept = transcript == null ? new byte[0] : transcript;
        return new ConsoleLog(instanceUuid, portIndex, lines, LastLines.of(kept, kept.length, lines));
    }

    private ComputeInstance toInstance(ServerRow server) {
        if (!server.isRunning()) {
            return new ComputeInstance(server.instanceUuid(), server.name(), server.host(), NAME,
                    server.serialPortCount(), SHUTOFF);
        }
        List<AllocatedPort> ports = allocator.portsOf(server.instanceUuid());
        boolean healthy = ports.size() == server.serialPortCount()
                && ports.stream().allMatch(p -> serialPorts.isOpen(p.port()));
        return new ComputeInstance(server.instanceUuid(), server.name(), server.host(), NAME,
                server.serialPortCount(), healthy ? RUNNING : ERROR);
    }

    private ServerRow find(String instanceUuid) {
        return servers().find(host(), NAME, instanceUuid).orElseThrow(() -> new NotFoundException(
                "server_not_found", "Server " + instanceUuid + " does not exist on host " + host() + "."));
    }

    /** A failed spawn leaves nothing behind: no listener, no port, no row. */
    private void undo(String instanceUuid, List<AllocatedPort> ports) {
        for (AllocatedPort port : ports) {
            serialPorts.close(port.port());
        }
        allocator.release(instanceUuid);
        servers().delete(host(), instanceUuid);
        LOG.warn("event=server_spawn_failed driver=fake host={} instance={}", host(), instanceUuid);
    }

    private ServerDao servers() {
        return jdbi.onDemand(ServerDao.class);
    }

    private String host() {
        return allocator.host();
    }
}
