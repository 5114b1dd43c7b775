package io.serialgate.compute.core.libvirt;

import io.serialgate.common.config.PortRange;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.ConsoleLog;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.NotImplementedException;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.compute.LibvirtOptions;
import io.serialgate.compute.core.AllocatedPort;
import io.serialgate.compute.core.ComputeDriver;
import io.serialgate.compute.core.InstanceSpec;
import io.serialgate.compute.core.LastLines;
import io.serialgate.compute.core.PortAllocator;
import io.serialgate.compute.core.ServerAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers as libvirt domains (QEMU guests booting a kernel and initramfs) whose serial ports are
 * {@code <serial type='tcp'>} sockets on {@code proxyclient_address}, at ports from the
 * {@link PortAllocator}. libvirt is the truth about what runs: consoles are read from the live
 * domain XML, never from a cache, and {@link #start()} reconciles the allocation table with the
 * domains found.
 *
 * <p>Threading: one {@link Connect} is shared by all request threads (libvirt connections are
 * thread-safe); every {@link Domain} looked up is freed before the method returns.
 */
public final class LibvirtDriver implements ComputeDriver {

    public static final String NAME = "libvirt";
    static final String DOMAIN_PREFIX = "serialgate-";
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtDriver.class);

    private final LibvirtOptions options;
    private final LibvirtConnector connector;
    private final PortAllocator allocator;
    private final String listenAddress;
    /**
     * libvirt prints every error to stderr unless the connection has its own handler; ours are
     * reported as exceptions and logged once, so this one stays silent. Held in a field because JNA
     * callbacks must stay reachable while native code may call them.
     */
    private final ErrorCallback quietErrors = new ErrorCallback();
    private volatile Connect connect;

    public LibvirtDriver(LibvirtOptions options, LibvirtConnector connector, PortAllocator allocator,
                         String listenAddress) {
        this.options = options;
        this.connector = connector;
        this.allocator = allocator;
        this.listenAddress = listenAddress;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        try {
            Connect open = connector.open();
            open.setConnectionErrorCallback(quietErrors);
            connect = open;
        } catch (LibvirtException e) {
            throw new IllegalStateException("compute.libvirt.uri: cannot connect to " + options.uri() + ": "
                    + e.getMessage(), e);
        }
        createLogDirectory();
        reconcile();
    }

    @Override
    public void stop() throws LibvirtException {
        Connect open = connect;
        connect = null;
        if (open != null) {
            int leaked = open.close();
            if (leaked > 0) {
                LOG.warn("event=libvirt_references_leaked count={}", leaked);
            }
        }
    }

    @Override
    public ComputeInstance spawn(InstanceSpec spec) {
        String uuid = spec.instanceUuid();
        if (findDomain(uuid).isPresent()) {
            throw new ConflictException("server_exists", "Server " + uuid + " exists already.");
        }
        List<AllocatedPort> ports = allocator.allocate(uuid, spec.serialPortCount());
        try {
            String xml = DomainXml.render(domainSpec(spec, ports));
            Domain domain = connect().domainDefineXML(xml);
            try {
                domain.create();
            } catch (LibvirtException e) {
                domain.undefine();
                throw e;
            } finally {
                domain.free();
            }
        } catch (LibvirtException e) {
            allocator.release(uuid);
            LOG.warn("event=server_spawn_failed driver=libvirt instance={} error={}", uuid, oneLine(e));
            throw new UnavailableException("hypervisor_error",
                    "libvirt could not start server " + uuid + ": " + oneLine(e), e);
        } catch (RuntimeException e) {
            allocator.release(uuid);
            throw e;
        }
        LOG.info("event=server_spawned driver=libvirt host={} instance={} serial_ports={}",
                allocator.host(), uuid, spec.serialPortCount());
        return new ComputeInstance(uuid, spec.name(), allocator.host(), NAME, spec.serialPortCount(), "running");
    }

    @Override
    public void destroy(String instanceUuid) {
        withDomain(instanceUuid, domain -> {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            return null;
        });
        allocator.release(instanceUuid);
        LOG.info("event=server_destroyed driver=libvirt host={} instance={}", allocator.host(), instanceUuid);
    }

    /**
     * Power actions on the domain; its definition (and so every {@code <serial>} port) is never
     * changed. Reboot is a hard one (destroy + create: a fresh QEMU binds the same ports); rebuild
     * undefines the domain and defines it again from its own persistent XML, then starts it if it
     * was running.
     */
    @Override
    public ComputeInstance act(String instanceUuid, ServerAction action) {
        withDomain(instanceUuid, domain -> {
            boolean running = domain.isActive() == 1;
            if (action == ServerAction.STOP && !running || action == ServerAction.START && running) {
                throw new ConflictException("invalid_state", "Cannot " + action.word() + " server " + instanceUuid
                        + " while it is " + (running ? "running" : "shutoff") + ".");
            }
            switch (action) {
                case STOP -> domain.destroy();
                case START -> domain.create();
                case REBOOT -> {
                    if (running) {
                        domain.destroy();
                    }
                    domain.create();
                }
                case REBUILD -> rebuild(domain, running);
            }
            return null;
        });
        LOG.info("event=server_action driver=libvirt host={} instance={} action={}",
                allocator.host(), instanceUuid, action.word());
        return show(instanceUuid);
    }

    private void rebuild(Domain domain, boolean running) throws LibvirtException {
        String xml = domain.getXMLDesc(Domain.XMLFlags.INACTIVE | Domain.XMLFlags.SECURE);
        if (running) {
            domain.destroy();
        }
        domain.undefine();
        Domain defined = connect().domainDefineXML(xml);
        try {
            if (running) {
                defined.create();
            }
        } finally {
            defined.free();
        }
    }

    @Override
    public List<ComputeInstance> list() {
        List<ComputeInstance> servers = new ArrayList<>();
        for (OwnedDomain domain : ownedDomains().values()) {
            servers.add(domain.instance());
        }
        return servers;
    }

    @Override
    public ComputeInstance show(String instanceUuid) {
        return withDomain(instanceUuid, domain -> describe(domain).instance());
    }

    @Override
    public SerialConsoleEndpoint serialConsole(String instanceUuid, int portIndex) {
        if (portIndex < 0) {
            throw new InvalidInputException("port_index must not be negative, got " + portIndex + ".");
        }
        List<SerialPortSource> ports = withDomain(instanceUuid, domain -> DomainXml.serialPorts(domain.getXMLDesc(0)));
        return ports.stream()
                .filter(p -> p.portIndex() == portIndex)
                .findFirst()
                .map(p -> new SerialConsoleEndpoint(instanceUuid, portIndex, p.host(), p.port()))
                .orElseThrow(() -> new NotFoundException("serial_port_not_found", "Server " + instanceUuid
                        + " has " + ports.size() + " serial port(s); port_index " + portIndex + " does not exist."));
    }

    @Override
    public ConsoleLog consoleLog(String instanceUuid, int portIndex, int lines) {
        serialConsole(instanceUuid, portIndex); // NotFound for an unknown server or port
        List<SerialPortSource> ports = withDomain(instanceUuid, domain -> DomainXml.serialPorts(domain.getXMLDesc(0)));
        String logFile = ports.stream().filter(p -> p.portIndex() == portIndex).findFirst()
                .map(SerialPortSource::logFile).orElse(null);
        if (logFile == null) {
            throw new NotImplementedException("console_log_unsupported", "Serial port " + portIndex
                    + " of server " + instanceUuid + " has no <log> in its domain definition.");
        }
        try {
            return new ConsoleLog(instanceUuid, portIndex, lines, LastLines.ofFile(Path.of(logFile), lines));
        } catch (IOException e) {
            throw new UnavailableException("console_log_unavailable",
                    "Cannot read the console log of serial port " + portIndex + " of server " + instanceUuid + ".", e);
        }
    }

    /**
     * Makes the allocation table agree with the domains libvirt has: ports a domain uses but the
     * table lacks are recorded; rows whose domain is gone are released. Logs what it fixed.
     */
    public ReconcileReport reconcile() {
        Map<String, OwnedDomain> domains = ownedDomains();
        int recorded = 0;
        for (OwnedDomain domain : domains.values()) {
            for (SerialPortSource port : domain.ports()) {
                if (!allocator.range().contains(port.port())) {
                    LOG.warn("event=reconcile_port_outside_range instance={} port_index={} port={} port_range={}",
                            domain.uuid(), port.portIndex(), port.port(), allocator.range());
                } else if (allocator.record(domain.uuid(), port.portIndex(), port.port())) {
                    recorded++;
                    LOG.info("event=reconcile_port_recorded instance={} port_index={} port={}",
                            domain.uuid(), port.portIndex(), port.port());
                }
            }
        }
        int released = 0;
        for (String uuid : allocator.instancesWithPorts()) {
            if (!domains.containsKey(uuid)) {
                released += allocator.release(uuid);
                LOG.info("event=reconcile_ports_released instance={} reason=domain_gone", uuid);
            }
        }
        LOG.info("event=ports_reconciled host={} domains={} recorded={} released={}",
                allocator.host(), domains.size(), recorded, released);
        return new ReconcileReport(domains.size(), recorded, released);
    }

    /** What a reconcile found and fixed. */
    public record ReconcileReport(int domains, int recorded, int released) {}

    private DomainSpec domainSpec(InstanceSpec spec, List<AllocatedPort> ports) {
        List<SerialPortSource> serials = ports.stream()
                .map(p -> new SerialPortSource(p.portIndex(), listenAddress, p.port(), logFile(spec.instanceUuid(), p.portIndex())))
                .toList();
        return new DomainSpec(DOMAIN_PREFIX + spec.instanceUuid(), spec.instanceUuid(), spec.name(), allocator.host(),
                options.domainType(), options.memoryMib(), options.kernel(), options.initrd(), options.cmdline(), serials);
    }

    private String logFile(String instanceUuid, int portIndex) {
        return Path.of(options.consoleLogDir(), instanceUuid + "-ttyS" + portIndex + ".log").toString();
    }

    private void createLogDirectory() {
        try {
            Files.createDirectories(Path.of(options.consoleLogDir()));
        } catch (IOException e) {
            // virtlogd may run with other rights than we do; QEMU will say so at boot if it cannot write.
            LOG.warn("event=console_log_dir_unavailable dir={} error={}", options.consoleLogDir(), e.toString());
        }
    }

    /** serialgate's domains of this compute host, by instance uuid. */
    private Map<String, OwnedDomain> ownedDomains() {
        Map<String, OwnedDomain> owned = new LinkedHashMap<>();
        try {
            for (Domain domain : connect().listAllDomains(0)) {
                try {
                    OwnedDomain described = describe(domain);
                    if (described != null) {
                        owned.put(described.uuid(), described);
                    }
                } finally {
                    domain.free();
                }
            }
        } catch (LibvirtException e) {
            throw unavailable(e);
        }
        return owned;
    }

    /** The domain as a server of this host, or null when it is not serialgate's or not this host's. */
    private OwnedDomain describe(Domain domain) throws LibvirtException {
        String xml = domain.getXMLDesc(0);
        Optional<String> owner = DomainXml.ownerHost(xml);
        if (owner.isEmpty() || !owner.get().equals(allocator.host())) {
            return null;
        }
        String uuid = domain.getUUIDString();
        String state = domain.isActive() == 1 ? "running" : "shutoff";
        return new OwnedDomain(uuid, DomainXml.serverName(xml).orElse(domain.getName()), owner.get(), state,
                DomainXml.serialPorts(xml));
    }

    private Optional<Domain> findDomain(String instanceUuid) {
        try {
            return Optional.of(connect().domainLookupByUUIDString(instanceUuid));
        } catch (LibvirtException e) {
            if (isNoDomain(e)) {
                return Optional.empty();
            }
            throw unavailable(e);
        }
    }

    private <T> T withDomain(String instanceUuid, DomainFunction<T> function) {
        Domain domain = findDomain(instanceUuid).orElseThrow(() -> notFound(instanceUuid));
        try {
            if (describe(domain) == null) {
                throw notFound(instanceUuid); // someone else's domain with this uuid
            }
            return function.apply(domain);
        } catch (LibvirtException e) {
            if (isNoDomain(e)) {
                throw notFound(instanceUuid);
            }
            throw unavailable(e);
        } finally {
            try {
                domain.free();
            } catch (LibvirtException e) {
                LOG.warn("event=libvirt_free_failed instance={} error={}", instanceUuid, oneLine(e));
            }
        }
    }

    private Connect connect() {
        Connect open = connect;
        if (open == null) {
            throw new UnavailableException("hypervisor_unavailable", "The libvirt driver is not connected.");
        }
        return open;
    }

    private NotFoundException notFound(String instanceUuid) {
        return new NotFoundException("server_not_found",
                "Server " + instanceUuid + " does not exist on host " + allocator.host() + ".");
    }

    private static boolean isNoDomain(LibvirtException e) {
        return e.getError() != null && e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_DOMAIN;
    }

    private UnavailableException unavailable(LibvirtException e) {
        return new UnavailableException("hypervisor_error", "libvirt at " + options.uri() + " failed: " + oneLine(e), e);
    }

    private static String oneLine(LibvirtException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replace('\n', ' ');
    }

    @FunctionalInterface
    private interface DomainFunction<T> {
        T apply(Domain domain) throws LibvirtException;
    }

    /** A domain serialgate defined on this compute host. */
    private record OwnedDomain(String uuid, String name, String host, String state, List<SerialPortSource> ports) {
        ComputeInstance instance() {
            return new ComputeInstance(uuid, name, host, NAME, ports.size(), state);
        }
    }
}
