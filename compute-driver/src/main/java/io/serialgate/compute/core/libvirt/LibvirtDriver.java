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
import io.serialgate.compute.core.ComputeErrors;
import io.serialgate.compute.core.InstanceSpec;
import io.serialgate.compute.core.LastLines;
import io.serialgate.compute.core.PortAllocator;
import io.serialgate.compute.core.ServerAction;
import io.serialgate.compute.db.ServerDao;
import io.serialgate.compute.db.ServerRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
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
 * <p>Crash safety: a spawn writes its {@code compute.servers} row ('spawning') first, then
 * allocates ports, defines and starts the domain, and marks the row 'spawned' last; a destroy
 * removes the domain first, then the ports, then the row. So whatever instant the process dies at,
 * {@link #reconcile()} can tell a finished server from the leftovers of an interrupted spawn and
 * undo those (see there).
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
    private final Jdbi jdbi;
    private final String listenAddress;
    /**
     * Spawns, destroys and actions hold the read lock (they run side by side); reconcile holds the
     * write lock, so it never sees a spawn or rebuild of this process half done and mistakes it
     * for a crashed one.
     */
    private final ReentrantReadWriteLock reconcileLock = new ReentrantReadWriteLock(true);
    /**
     * libvirt prints every error to stderr unless the connection has its own handler; ours are
     * reported as exceptions and logged once, so this one stays silent. Held in a field because JNA
     * callbacks must stay reachable while native code may call them.
     */
    private final ErrorCallback quietErrors = new ErrorCallback();
    private volatile Connect connect;

    public LibvirtDriver(LibvirtOptions options, LibvirtConnector connector, PortAllocator allocator,
                         Jdbi jdbi, String listenAddress) {
        this.options = options;
        this.connector = connector;
        this.allocator = allocator;
        this.jdbi = jdbi;
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

    /**
     * Row ('spawning'), ports, domain, row ('spawned'), in that order; any failure undoes what
     * was done, and a crash in between is undone by the next {@link #reconcile()}.
     */
    @Override
    public ComputeInstance spawn(InstanceSpec spec) {
        String uuid = spec.instanceUuid();
        return underReadLock(() -> {
            if (findDomain(uuid).isPresent() || servers(dao -> dao.tryInsertSpawning(uuid, spec.name(),
                    allocator.host(), NAME, spec.serialPortCount())) == 0) {
                throw new ConflictException("server_exists", "Server " + uuid + " exists already.");
            }
            try {
                List<AllocatedPort> ports = allocator.allocate(uuid, spec.serialPortCount());
                defineAndStart(spec, ports);
                servers(dao -> dao.markSpawned(allocator.host(), uuid));
            } catch (LibvirtException e) {
                undoSpawn(uuid);
                LOG.warn("event=server_spawn_failed driver=libvirt instance={} error={}", uuid, oneLine(e));
                throw new UnavailableException("hypervisor_error",
                        "libvirt could not start server " + uuid + ": " + oneLine(e), e);
            } catch (RuntimeException e) {
                undoSpawn(uuid);
                throw e;
            }
            LOG.info("event=server_spawned driver=libvirt host={} instance={} serial_ports={}",
                    allocator.host(), uuid, spec.serialPortCount());
            return new ComputeInstance(uuid, spec.name(), allocator.host(), NAME, spec.serialPortCount(), "running");
        });
    }

    private void defineAndStart(InstanceSpec spec, List<AllocatedPort> ports) throws LibvirtException {
        String xml = DomainXml.render(domainSpec(spec, ports));
        Domain domain = connect().domainDefineXML(xml);
        try {
            domain.create();
        } finally {
            domain.free();
        }
    }

    /**
     * Removes whatever a failed spawn made: its domain, ports and row. When this fails too (the
     * database is down) the row stays 'spawning' and the next reconcile finishes the job.
     */
    private void undoSpawn(String uuid) {
        try {
            removeDomain(uuid);
            allocator.release(uuid);
            servers(dao -> dao.delete(allocator.host(), uuid));
        } catch (RuntimeException | LibvirtException e) {
            LOG.warn("event=server_spawn_undo_failed instance={} error=\"{}\" fix=reconcile", uuid,
                    String.valueOf(e.getMessage()).replace('\n', ' '));
        }
    }

    /** Destroys (when running) and undefines the domain of this uuid, if there is one. */
    private boolean removeDomain(String uuid) throws LibvirtException {
        Optional<Domain> found = findDomain(uuid);
        if (found.isEmpty()) {
            return false;
        }
        Domain domain = found.get();
        try {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            return true;
        } finally {
            domain.free();
        }
    }

    /**
     * Domain first, then ports, then row: a crash in between leaves what reconcile cleans up.
     * Conflict while the server's spawn runs (the api, whose spawn call timed out, retries).
     */
    @Override
    public void destroy(String instanceUuid) {
        underReadLock(() -> {
            if (servers(dao -> dao.isSpawning(allocator.host(), instanceUuid))) {
                throw new ConflictException("spawn_in_progress", "Server " + instanceUuid
                        + " is still spawning on host " + allocator.host() + "; try again when it is done.");
            }
            boolean domainGone = false;
            try {
                withDomain(instanceUuid, (domain, facts) -> {
                    if (domain.isActive() == 1) {
                        domain.destroy();
                    }
                    domain.undefine();
                    return null;
                });
            } catch (NotFoundException e) {
                // Undefined behind our back (virsh undefine, a wiped host): the server is still
                // this host's, and its ports must not stay allocated until the next reconcile.
                domainGone = true;
            }
            int ports = allocator.release(instanceUuid);
            int rows = servers(dao -> dao.delete(allocator.host(), instanceUuid));
            if (domainGone) {
                if (ports == 0 && rows == 0) {
                    throw notFound(instanceUuid);
                }
                LOG.warn("event=server_destroyed_without_domain driver=libvirt host={} instance={} ports_released={}",
                        allocator.host(), instanceUuid, ports);
            }
            return null;
        });
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
        underReadLock(() -> withDomain(instanceUuid, (domain, facts) -> {
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
        }));
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
        return withDomain(instanceUuid, (domain, facts) -> describe(domain, facts).instance());
    }

    @Override
    public SerialConsoleEndpoint serialConsole(String instanceUuid, int portIndex) {
        SerialPortSource port = serialPort(instanceUuid, portIndex, true);
        return new SerialConsoleEndpoint(instanceUuid, portIndex, port.host(), port.port());
    }

    @Override
    public ConsoleLog consoleLog(String instanceUuid, int portIndex, int lines) {
        String logFile = serialPort(instanceUuid, portIndex, false).logFile();
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
     * Makes {@code compute.servers}, the allocation table and libvirt's domains agree, and logs
     * each fix (one line per server):
     * <ul>
     *   <li>a domain whose row is still 'spawning' (the process died mid-spawn; the api never got
     *       an answer and shows the server as ERROR): destroyed, undefined, ports released, row removed;</li>
     *   <li>a domain of ours with no row at all (a spawn interrupted before rows were written
     *       first, or a row deleted by hand): an orphan, destroyed, undefined, ports released;</li>
     *   <li>a domain defined before serialgate kept rows for libvirt (no {@code tracked} mark in its
     *       metadata): adopted, a row is written for it;</li>
     *   <li>a row without a domain ('spawning': the spawn died before defining it; 'spawned': the
     *       domain was removed behind our back or a destroy died): removed, its ports released;</li>
     *   <li>ports a kept domain uses but the table lacks are recorded; any other allocation (no
     *       domain kept for it, no row) is released.</li>
     * </ul>
     * Removing rows of unfinished spawns (rather than keeping them as ERROR) leaves the api as the
     * one place that shows the failure: compute answers 404 for such a server, which the api's
     * delete takes as "nothing left to clean".
     */
    public ReconcileReport reconcile() {
        Lock lock = reconcileLock.writeLock();
        lock.lock();
        try {
            return reconcileLocked();
        } finally {
            lock.unlock();
        }
    }

    private ReconcileReport reconcileLocked() {
        String host = allocator.host();
        Map<String, OwnedDomain> domains = ownedDomains();
        Set<String> rows = new HashSet<>(servers(dao -> dao.list(host, NAME)).stream().map(ServerRow::instanceUuid).toList());
        Set<String> spawning = new HashSet<>(servers(dao -> dao.spawning(host, NAME)));
        Set<String> kept = new HashSet<>();
        int destroyed = 0;
        int adopted = 0;
        int released = 0;
        for (OwnedDomain domain : domains.values()) {
            String uuid = domain.uuid();
            if (spawning.contains(uuid) || !rows.contains(uuid) && domain.tracked()) {
                String reason = spawning.contains(uuid) ? "spawn_interrupted" : "no_server_row";
                int ports = destroyOrphan(domain, reason);
                if (ports >= 0) {
                    destroyed++;
                    released += ports;
                } else {
                    kept.add(uuid); // still defined: its ports are really in use
                }
            } else if (!rows.contains(uuid)) {
                servers(dao -> dao.tryInsert(uuid, domain.name(), host, NAME, domain.ports().size()));
                adopted++;
                kept.add(uuid);
                LOG.info("event=reconcile_server_adopted instance={} reason=defined_before_server_rows", uuid);
            } else {
                kept.add(uuid);
            }
        }
        int recorded = recordPortsOf(domains, kept);
        int removed = 0;
        for (String uuid : rows) {
            if (!kept.contains(uuid)) {
                int ports = allocator.release(uuid);
                released += ports;
                removed += servers(dao -> dao.delete(host, uuid));
                LOG.info("event=reconcile_server_removed instance={} reason={} ports_released={}", uuid,
                        spawning.contains(uuid) ? "spawn_interrupted" : "domain_gone", ports);
            }
        }
        for (String uuid : allocator.instancesWithPorts()) {
            if (!kept.contains(uuid)) {
                int ports = allocator.release(uuid);
                released += ports;
                LOG.info("event=reconcile_ports_released instance={} reason=no_server ports_released={}", uuid, ports);
            }
        }
        ReconcileReport report = new ReconcileReport(domains.size(), kept.size(), destroyed, adopted, removed,
                recorded, released);
        LOG.info("event=ports_reconciled host={} {}", host, report);
        return report;
    }

    /**
     * Destroys and undefines a domain reconcile found orphaned and releases its ports; returns how
     * many, or -1 when libvirt refused (the domain stays, and so do its ports).
     */
    private int destroyOrphan(OwnedDomain domain, String reason) {
        try {
            removeDomain(domain.uuid());
        } catch (LibvirtException | RuntimeException e) {
            LOG.warn("event=reconcile_orphan_destroy_failed instance={} reason={} error=\"{}\"", domain.uuid(), reason,
                    String.valueOf(e.getMessage()).replace('\n', ' '));
            return -1;
        }
        int ports = allocator.release(domain.uuid());
        LOG.info("event=reconcile_orphan_destroyed instance={} reason={} state_was={} ports_released={}",
                domain.uuid(), reason, domain.state(), ports);
        return ports;
    }

    /** Records the ports of kept domains the allocation table lacks; returns how many. */
    private int recordPortsOf(Map<String, OwnedDomain> domains, Set<String> kept) {
        int recorded = 0;
        for (String uuid : kept) {
            for (SerialPortSource port : domains.get(uuid).ports()) {
                if (!allocator.range().contains(port.port())) {
                    LOG.warn("event=reconcile_port_outside_range instance={} port_index={} port={} port_range={}",
                            uuid, port.portIndex(), port.port(), allocator.range());
                } else if (allocator.record(uuid, port.portIndex(), port.port())) {
                    recorded++;
                    LOG.info("event=reconcile_port_recorded instance={} port_index={} port={}",
                            uuid, port.portIndex(), port.port());
                }
            }
        }
        return recorded;
    }

    /**
     * What a reconcile found and fixed: serialgate domains found, servers kept, orphan domains
     * destroyed, legacy domains adopted, rows removed, ports recorded and ports released (all
     * released: of orphans, of removed rows and of allocations nothing claims).
     */
    public record ReconcileReport(int domains, int kept, int destroyed, int adopted, int removed, int recorded,
                                  int released) {
        @Override
        public String toString() {
            return "domains=" + domains + " kept=" + kept + " destroyed=" + destroyed + " adopted=" + adopted
                    + " removed=" + removed + " recorded=" + recorded + " released=" + released;
        }
    }

    private <T> T servers(Function<ServerDao, T> call) {
        return jdbi.withExtension(ServerDao.class, call::apply);
    }

    private <T> T underReadLock(Supplier<T> work) {
        Lock lock = reconcileLock.readLock();
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

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

    /**
     * Serial port {@code portIndex} of one of this host's domains, read from its live XML: one
     * lookup, one XML fetch, one parse (this answers consoleauth's re-check on every console connect).
     * With {@code requireRunning}, a shut-off domain is 409: QEMU is what listens on the port, so
     * a console URL for it could only fail at connect.
     */
    private SerialPortSource serialPort(String instanceUuid, int portIndex, boolean requireRunning) {
        if (portIndex < 0) {
            throw new InvalidInputException("port_index must not be negative, got " + portIndex + ".");
        }
        List<SerialPortSource> ports = withDomain(instanceUuid, (domain, facts) -> {
            if (requireRunning && !facts.running()) {
                throw ComputeErrors.notRunning(instanceUuid);
            }
            return facts.serialPorts();
        });
        return ports.stream()
                .filter(p -> p.portIndex() == portIndex)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("serial_port_not_found", "Server " + instanceUuid
                        + " has " + ports.size() + " serial port(s); port_index " + portIndex + " does not exist."));
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
        DomainXml.Facts facts = DomainXml.read(domain.getXMLDesc(0));
        return ours(facts) ? describe(domain, facts) : null;
    }

    private OwnedDomain describe(Domain domain, DomainXml.Facts facts) throws LibvirtException {
        String uuid = domain.getUUIDString();
        String state = facts.running() ? "running" : "shutoff"; // from the XML already read: no second libvirt call
        return new OwnedDomain(uuid, facts.serverName().orElse(domain.getName()), facts.ownerHost().orElseThrow(), state,
                facts.serialPorts(), facts.trackedInServersTable());
    }

    /** Whether serialgate made the domain for this compute host. */
    private boolean ours(DomainXml.Facts facts) {
        return facts.ownerHost().filter(allocator.host()::equals).isPresent();
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
            DomainXml.Facts facts = DomainXml.read(domain.getXMLDesc(0));
            if (!ours(facts)) {
                throw notFound(instanceUuid); // someone else's domain with this uuid
            }
            return function.apply(domain, facts);
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
        /** @param facts the domain's XML as read when it was found (one parse per call) */
        T apply(Domain domain, DomainXml.Facts facts) throws LibvirtException;
    }

    /** A domain serialgate defined on this compute host. */
    private record OwnedDomain(String uuid, String name, String host, String state, List<SerialPortSource> ports,
                               boolean tracked) {
        ComputeInstance instance() {
            return new ComputeInstance(uuid, name, host, NAME, ports.size(), state);
        }
    }
}
