package io.serialgate.compute.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serialgate.common.config.PortRange;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.compute.db.TestJdbi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The allocator on a real PostgreSQL. Ranges lie below Linux's ephemeral ports (32768+) so the
 * bind probe does not meet the machine's own outgoing connections.
 */
class PortAllocatorTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static Jdbi jdbi;

    @BeforeAll
    static void database() {
        jdbi = TestJdbi.freshMigrated();
    }

    private static PortAllocator allocator(String host, String range) {
        return new PortAllocator(jdbi, host, PortRange.parse(range), new PortProbe(LOOPBACK));
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void concurrentAllocatorsNeverHandOutAPortTwice() throws Exception {
        // The proof: 16 threads x 500 allocations over one range, no port twice.
        int threads = 16;
        int perThread = 500;
        String host = "race-" + uuid();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                // Separate allocator objects, as separate compute processes would have.
                PortAllocator allocator = allocator(host, "21000:30999");
                results.add(pool.submit(() -> {
                    List<Integer> ports = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ports.add(allocator.allocate(uuid(), 1).get(0).port());
                    }
                    return ports;
                }));
            }
            Set<Integer> seen = new HashSet<>();
            for (Future<List<Integer>> result : results) {
                for (int port : result.get()) {
                    assertTrue(seen.add(port), "port " + port + " handed out twice");
                    assertTrue(port >= 21000 && port <= 30999, "port " + port + " outside the range");
                }
            }
            assertEquals(threads * perThread, seen.size());
            assertEquals(threads * perThread, allocator(host, "21000:30999").allocatedCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exhaustedRangeNamesHostAndRange() {
        PortAllocator allocator = allocator("full-host", "23000:23003");
        allocator.allocate(uuid(), 4);
        UnavailableException e = assertThrows(UnavailableException.class, () -> allocator.allocate(uuid(), 1));
        assertEquals("port_range_exhausted", e.reason());
        assertTrue(e.getMessage().contains("full-host"), e.getMessage());
        assertTrue(e.getMessage().contains("23000:23003"), e.getMessage());
    }

    @Test
    void failedMultiPortAllocationReleasesWhatItTook() {
        PortAllocator allocator = allocator("partial-host", "23010:23012");
        allocator.allocate(uuid(), 2);
        String unlucky = uuid();
        assertThrows(UnavailableException.class, () -> allocator.allocate(unlucky, 2));
        assertTrue(allocator.portsOf(unlucky).isEmpty());
        assertEquals(2, allocator.allocatedCount());
    }

    @Test
    void releaseGivesThePortsBack() {
        PortAllocator allocator = allocator("release-host", "23020:23021");
        String first = uuid();
        List<AllocatedPort> ports = allocator.allocate(first, 2);
        assertEquals(List.of(0, 1), ports.stream().map(AllocatedPort::portIndex).toList());
        assertEquals(ports, allocator.portsOf(first));
        assertEquals(2, allocator.release(first));
        assertTrue(allocator.portsOf(first).isEmpty());
        String second = uuid();
        assertEquals(2, allocator.allocate(second, 2).size());
    }

    @Test
    void hostsHaveSeparatePorts() {
        allocator("host-a", "23030:23030").allocate(uuid(), 1);
        List<AllocatedPort> onB = allocator("host-b", "23030:23030").allocate(uuid(), 1);
        assertEquals(23030, onB.get(0).port());
    }

    @Test
    void aPortAnotherProgramListensOnIsSkippedNotRecorded() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(LOOPBACK, 23040));
            PortAllocator allocator = allocator("busy-host", "23040:23041");
            String uuid = uuid();
            assertEquals(23041, allocator.allocate(uuid, 1).get(0).port());
            assertThrows(UnavailableException.class, () -> allocator.allocate(uuid(), 1));
        }
        // Once the other program is gone the port can be had.
        assertEquals(23040, allocator("busy-host", "23040:23041").allocate(uuid(), 1).get(0).port());
    }

    @Test
    void probeSeesABoundPort() throws Exception {
        PortProbe probe = new PortProbe(LOOPBACK);
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            assertFalse(probe.canBind(socket.getLocalPort()));
        }
    }
}
