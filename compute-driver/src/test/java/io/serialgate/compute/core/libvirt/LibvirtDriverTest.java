package io.serialgate.compute.core.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serialgate.common.config.PortRange;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.compute.LibvirtOptions;
import io.serialgate.compute.core.AllocatedPort;
import io.serialgate.compute.core.InstanceSpec;
import io.serialgate.compute.core.PortAllocator;
import io.serialgate.compute.core.PortProbe;
import io.serialgate.compute.core.ServerAction;
import io.serialgate.compute.db.ServerDao;
import io.serialgate.compute.db.TestJdbi;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * The libvirt driver against libvirt's test driver ({@code test:///default}: real libvirt, real
 * XML handling, no daemon and no QEMU) and a real PostgreSQL allocator.
 */
class LibvirtDriverTest {

    private static Jdbi jdbi;
    private String host;
    private PortAllocator allocator;
    private LibvirtOptions options;
    private LibvirtDriver driver;

    @BeforeAll
    static void database() {
        jdbi = TestJdbi.freshMigrated();
    }

    @BeforeEach
    void driver() throws Exception {
        host = "libvirt-" + UUID.randomUUID();
        allocator = new PortAllocator(jdbi, host, PortRange.parse("25000:25099"),
                new PortProbe(InetAddress.getLoopbackAddress()));
        Path logs = Files.createTempDirectory("serialgate-console-logs");
        options = new LibvirtOptions().uri("test:///default").domainType("test").consoleLogDir(logs.toString());
        driver = new LibvirtDriver(options, LibvirtConnector.forUri(options.uri()), allocator, jdbi, "127.0.0.1");
        driver.start();
    }

    @AfterEach
    void stop() throws Exception {
        driver.stop();
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void spawnShowListConsolesDestroy() {
        String id = uuid();
        ComputeInstance spawned = driver.spawn(new InstanceSpec(id, "db1", 2));
        assertEquals(new ComputeInstance(id, "db1", host, "libvirt", 2, "running"), spawned);
        assertEquals(spawned, driver.show(id));
        assertTrue(driver.list().contains(spawned));

        List<AllocatedPort> ports = allocator.portsOf(id);
        assertEquals(2, ports.size());
        for (AllocatedPort port : ports) {
            SerialConsoleEndpoint console = driver.serialConsole(id, port.portIndex());
            assertEquals(new SerialConsoleEndpoint(id, port.portIndex(), "127.0.0.1", port.port()), console);
        }
        NotFoundException beyond = assertThrows(NotFoundException.class, () -> driver.serialConsole(id, 2));
        assertEquals("serial_port_not_found", beyond.reason());

        driver.destroy(id);
        assertThrows(NotFoundException.class, () -> driver.show(id));
        assertTrue(allocator.portsOf(id).isEmpty());
        assertFalse(driver.list().stream().anyMatch(i -> i.instanceUuid().equals(id)));
    }

    @Test
    void consoleLogIsTheTailOfTheSerialPortsLogFile() throws Exception {
        String id = uuid();
        driver.spawn(new InstanceSpec(id, "chatty", 1));
        // test:///default runs no QEMU: nothing has written the log yet.
        assertEquals("", driver.consoleLog(id, 0, 10).output());
        Path log = Path.of(options.consoleLogDir(), id + "-ttyS0.log");
        Files.writeString(log, "Linux version 6.1\r\nbusybox ready\r\n~ # ");
        assertEquals("busybox ready\r\n~ # ", driver.consoleLog(id, 0, 2).output());
        assertThrows(NotFoundException.class, () -> driver.consoleLog(id, 1, 2));
        driver.destroy(id);
    }

    @Test
    void duplicateSpawnIsAConflictAndKeepsTheFirstServersPorts() {
        String id = uuid();
        driver.spawn(new InstanceSpec(id, "one", 1));
        List<AllocatedPort> before = allocator.portsOf(id);
        assertThrows(ConflictException.class, () -> driver.spawn(new InstanceSpec(id, "two", 1)));
        assertEquals(before, allocator.portsOf(id));
        driver.destroy(id);
    }

    @Test
    void actionsNeverMoveASerialPort() {
        String id = uuid();
        driver.spawn(new InstanceSpec(id, "steady", 2));
        List<AllocatedPort> allocated = allocator.portsOf(id);
        List<SerialConsoleEndpoint> consoles = List.of(driver.serialConsole(id, 0), driver.serialConsole(id, 1));
        Object[][] steps = {{ServerAction.REBOOT, "running"}, {ServerAction.STOP, "shutoff"},
            {ServerAction.START, "running"}, {ServerAction.REBUILD, "running"}, {ServerAction.STOP, "shutoff"},
            {ServerAction.REBUILD, "shutoff"}, {ServerAction.REBOOT, "running"}};
        for (Object[] step : steps) {
            ComputeInstance after = driver.act(id, (ServerAction) step[0]);
            assertEquals(step[1], after.state(), step[0].toString());
            if ("running".equals(step[1])) {
                assertEquals(consoles, List.of(driver.serialConsole(id, 0), driver.serialConsole(id, 1)), "after " + step[0]);
            } else {
                assertEquals("server_not_running", assertThrows(ConflictException.class,
                        () -> driver.serialConsole(id, 1)).reason(), "after " + step[0]);
            }
            assertEquals(allocated, allocator.portsOf(id), "after " + step[0]);
        }
        assertEquals("invalid_state", assertThrows(ConflictException.class,
                () -> driver.act(id, ServerAction.START)).reason());
        driver.act(id, ServerAction.STOP);
        assertThrows(ConflictException.class, () -> driver.act(id, ServerAction.STOP));
        assertThrows(NotFoundException.class, () -> driver.act(uuid(), ServerAction.REBOOT));
        driver.destroy(id);
        assertTrue(allocator.portsOf(id).isEmpty());
    }

    @Test
    void reachabilityProbe() {
        assertTrue(LibvirtConnector.reachable("test:///default"));
        assertFalse(LibvirtConnector.reachable("qemu+unix:///system?socket=/nonexistent/libvirt-sock"));
    }

    @Test
    void unknownServerIsNotFound() {
        String id = uuid();
        assertThrows(NotFoundException.class, () -> driver.show(id));
        assertThrows(NotFoundException.class, () -> driver.destroy(id));
        assertThrows(NotFoundException.class, () -> driver.serialConsole(id, 0));
    }

    @Test
    void domainsThatAreNotSerialgatesAreInvisible() throws Exception {
        // test:///default always has a domain called "test"; it is nobody's server here.
        assertTrue(driver.list().stream().noneMatch(i -> i.name().equals("test")));
    }

    @Test
    void aSpawnLibvirtRefusesReleasesItsPorts() throws Exception {
        driver.stop();
        LibvirtOptions broken = new LibvirtOptions().uri("test:///default").domainType("no-such-virt-type")
                .consoleLogDir(options.consoleLogDir());
        driver = new LibvirtDriver(broken, LibvirtConnector.forUri(broken.uri()), allocator, jdbi, "127.0.0.1");
        driver.start();
        String id = uuid();
        UnavailableException e = assertThrows(UnavailableException.class,
                () -> driver.spawn(new InstanceSpec(id, "doomed", 2)));
        assertEquals("hypervisor_error", e.reason());
        assertTrue(allocator.portsOf(id).isEmpty());
    }

    /**
     * The state a SIGKILL can leave at each step of a spawn (and of a destroy), laid out by hand on
     * one libvirt connection and real PostgreSQL; a restart (start = reconcile) keeps the finished
     * server only, and a second reconcile finds nothing left to fix.
     */
    @Test
    void startUndoesEveryInterruptedSpawnAndKeepsFinishedServers() throws Exception {
        driver.stop();
        Connect connect = new Connect("test:///default");
        driver = new LibvirtDriver(options, () -> connect, allocator, jdbi, "127.0.0.1");
        driver.start();
        String finished = uuid();
        driver.spawn(new InstanceSpec(finished, "finished", 2));
        List<AllocatedPort> finishedPorts = allocator.portsOf(finished);

        // Killed after defining (and starting) the domain, before any row: an orphan holding ports.
        String orphan = uuid();
        allocator.allocate(orphan, 1);
        defineAndStart(connect, orphan, allocator.portsOf(orphan).get(0).port(), true);
        // Killed with no port claimed and no row: a domain nothing in the database knows.
        String bare = uuid();
        defineAndStart(connect, bare, 25098, true);
        // Killed after the 'spawning' row and the ports, before the domain.
        String noDomain = uuid();
        insertSpawning(noDomain, 2);
        allocator.allocate(noDomain, 2);
        // Killed after starting the domain, before the row said 'spawned'.
        String unfinished = uuid();
        insertSpawning(unfinished, 1);
        allocator.allocate(unfinished, 1);
        defineAndStart(connect, unfinished, allocator.portsOf(unfinished).get(0).port(), true);
        // Killed in a destroy after the domain went, before ports and row did.
        String halfDestroyed = uuid();
        jdbi.useExtension(ServerDao.class, dao -> dao.tryInsert(halfDestroyed, "half", host, "libvirt", 1));
        allocator.allocate(halfDestroyed, 1);
        // Ports of a server with neither row nor domain.
        String stale = uuid();
        allocator.allocate(stale, 2);

        driver = new LibvirtDriver(options, () -> connect, allocator, jdbi, "127.0.0.1");
        driver.start(); // a restart: reconcile runs before any request

        assertEquals(finishedPorts, allocator.portsOf(finished));
        assertEquals("running", driver.show(finished).state());
        for (String gone : List.of(orphan, bare, noDomain, unfinished, halfDestroyed, stale)) {
            assertTrue(allocator.portsOf(gone).isEmpty(), gone);
            assertThrows(NotFoundException.class, () -> driver.show(gone), gone);
            assertTrue(jdbi.withExtension(ServerDao.class, dao -> dao.find(host, "libvirt", gone)).isEmpty(), gone);
        }
        assertEquals(List.of(finished), driver.list().stream().map(ComputeInstance::instanceUuid).toList());
        assertEquals(2, allocator.allocatedCount());
        assertEquals(new LibvirtDriver.ReconcileReport(1, 1, 0, 0, 0, 0, 0), driver.reconcile());

        driver.destroy(finished);
        assertEquals(0, allocator.allocatedCount());
        assertTrue(jdbi.withExtension(ServerDao.class, dao -> dao.list(host, "libvirt")).isEmpty());
    }

    @Test
    void reconcileCountsWhatItFixed() throws Exception {
        driver.stop();
        Connect connect = new Connect("test:///default");
        String orphan = uuid();
        defineAndStart(connect, orphan, 25011, true);
        String unfinished = uuid();
        insertSpawning(unfinished, 1);
        allocator.allocate(unfinished, 1);
        defineAndStart(connect, unfinished, allocator.portsOf(unfinished).get(0).port(), false);
        String noDomain = uuid();
        insertSpawning(noDomain, 1);
        allocator.allocate(noDomain, 1);
        driver = new LibvirtDriver(options, () -> connect, allocator, jdbi, "127.0.0.1");
        driver.start();
        // Now the same again, found by the admin task's reconcile rather than start-up.
        defineAndStart(connect, orphan, 25011, true);
        insertSpawning(noDomain, 1);
        allocator.allocate(noDomain, 1);
        assertEquals(new LibvirtDriver.ReconcileReport(1, 0, 1, 0, 1, 0, 1), driver.reconcile());
        assertEquals(0, allocator.allocatedCount());
        assertTrue(driver.list().isEmpty());
    }

    /**
     * A domain defined before the driver wrote rows for libvirt (no tracked mark) is a server, not
     * an orphan: reconcile writes its row and records its ports instead of destroying it.
     */
    @Test
    void reconcileAdoptsDomainsDefinedBeforeServerRowsExisted() throws Exception {
        driver.stop();
        Connect connect = new Connect("test:///default");
        String legacy = uuid();
        defineAndStart(connect, legacy, 25077, false);

        driver = new LibvirtDriver(options, () -> connect, allocator, jdbi, "127.0.0.1");
        driver.start();
        assertEquals(List.of(new AllocatedPort(0, 25077)), allocator.portsOf(legacy));
        assertTrue(jdbi.withExtension(ServerDao.class, dao -> dao.find(host, "libvirt", legacy)).isPresent());
        assertEquals(new LibvirtDriver.ReconcileReport(1, 1, 0, 0, 0, 0, 0), driver.reconcile());
        assertEquals(new SerialConsoleEndpoint(legacy, 0, "127.0.0.1", 25077), driver.serialConsole(legacy, 0));
        driver.destroy(legacy);
        assertTrue(allocator.portsOf(legacy).isEmpty());
        assertTrue(jdbi.withExtension(ServerDao.class, dao -> dao.find(host, "libvirt", legacy)).isEmpty());
    }

    @Test
    void aSpawnLeavesASpawnedRowAndADestroyRemovesIt() {
        String id = uuid();
        driver.spawn(new InstanceSpec(id, "recorded", 1));
        assertTrue(jdbi.withExtension(ServerDao.class, dao -> dao.spawning(host, "libvirt")).isEmpty());
        assertTrue(jdbi.withExtension(ServerDao.class, dao -> dao.find(host, "libvirt", id)).isPresent());
        driver.destroy(id);
        assertTrue(jdbi.withExtension(ServerDao.class, dao -> dao.find(host, "libvirt", id)).isEmpty());
    }

    /** A domain undefined behind the driver's back: destroying its server still frees its ports and row. */
    @Test
    void destroyingAServerWhoseDomainVanishedReleasesItsPorts() throws Exception {
        Connect connect = restartOnSharedConnection();
        String id = uuid();
        driver.spawn(new InstanceSpec(id, "vanishing", 2));
        assertEquals(2, allocator.portsOf(id).size());
        Domain domain = connect.domainLookupByUUIDString(id);
        domain.destroy();
        domain.undefine();
        domain.free();

        assertThrows(NotFoundException.class, () -> driver.serialConsole(id, 0));
        driver.destroy(id);
        assertTrue(allocator.portsOf(id).isEmpty());
        assertTrue(jdbi.withExtension(ServerDao.class, dao -> dao.find(host, "libvirt", id)).isEmpty());
        // Nothing of it is left: a second destroy is the unknown server's 404.
        assertThrows(NotFoundException.class, () -> driver.destroy(id));
    }

    /** The api retries a destroy that comes while the spawn still runs; nothing is touched meanwhile. */
    @Test
    void destroyWhileTheSpawnRunsIsAConflict() {
        String id = uuid();
        insertSpawning(id, 1);
        allocator.allocate(id, 1);
        ConflictException e = assertThrows(ConflictException.class, () -> driver.destroy(id));
        assertEquals("spawn_in_progress", e.reason());
        assertEquals(1, allocator.portsOf(id).size());
    }

    /** Restarts the driver on a connection the test holds too, so it can change domains behind the driver's back. */
    private Connect restartOnSharedConnection() throws Exception {
        driver.stop();
        Connect connect = new Connect("test:///default");
        driver = new LibvirtDriver(options, () -> connect, allocator, jdbi, "127.0.0.1");
        driver.start();
        return connect;
    }

    /** A domain of this host as a spawn would define it; {@code tracked} false: as older versions did. */
    private void defineAndStart(Connect connect, String uuid, int port, boolean tracked) throws Exception {
        String xml = DomainXml.render(new DomainSpec("serialgate-" + uuid, uuid, "crashed", host, "test", 128,
                null, null, null, List.of(new SerialPortSource(0, "127.0.0.1", port, null))));
        if (!tracked) {
            xml = xml.replace(" tracked=\"compute.servers\"", "");
            assertFalse(DomainXml.read(xml).trackedInServersTable());
        }
        Domain domain = connect.domainDefineXML(xml);
        domain.create();
        domain.free();
    }

    private void insertSpawning(String uuid, int ports) {
        int inserted = jdbi.withExtension(ServerDao.class, dao -> dao.tryInsertSpawning(uuid, "crashed", host, "libvirt", ports));
        assertEquals(1, inserted);
    }
}
