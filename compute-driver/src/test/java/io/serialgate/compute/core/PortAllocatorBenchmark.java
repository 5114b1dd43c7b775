package io.serialgate.compute.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.serialgate.common.config.PortRange;
import io.serialgate.compute.db.TestJdbi;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Allocator throughput: 8 concurrent allocators over a 10,000-port range on a real PostgreSQL.
 * Not part of the normal test run (the name does not end in Test); run it with
 * {@code ./mvnw -o -B -pl compute-driver test -Dtest=PortAllocatorBenchmark}. Target: at least
 * 2,000 allocations/s, zero duplicates.
 *
 * <p>The allocator's one INFO line per allocation is measured separately: under surefire, logback's
 * default synchronous console appender writes into surefire's captured stdout, which halves the
 * rate, while a running service logs through Dropwizard's asynchronous appender. The first run
 * logs, the second does not; both are printed.
 */
class PortAllocatorBenchmark {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 1000;

    @Test
    void allocationsPerSecond() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(PortAllocator.class);
        Level level = logger.getLevel();
        try {
            measure("logging=info");
            logger.setLevel(Level.WARN);
            measure("logging=off");
        } finally {
            logger.setLevel(level);
        }
    }

    private void measure(String label) throws Exception {
        Jdbi jdbi = TestJdbi.freshMigrated();
        String host = "bench-" + UUID.randomUUID();
        PortRange range = PortRange.parse("10000:19999");
        PortProbe probe = new PortProbe(InetAddress.getLoopbackAddress());
        // Warm the pool and the JIT so the measurement is the steady state.
        PortAllocator warm = new PortAllocator(jdbi, "warm-" + host, range, probe);
        for (int i = 0; i < 200; i++) {
            warm.allocate(UUID.randomUUID().toString(), 1);
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            PortAllocator allocator = new PortAllocator(jdbi, host, range, probe);
            results.add(pool.submit(() -> {
                go.await();
                List<Integer> ports = new ArrayList<>(PER_THREAD);
                for (int i = 0; i < PER_THREAD; i++) {
                    ports.add(allocator.allocate(UUID.randomUUID().toString(), 1).get(0).port());
                }
                return ports;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (Future<List<Integer>> result : results) {
            for (int port : result.get()) {
                total++;
                seen.add(port);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        int duplicates = total - seen.size();
        System.out.printf("BENCHMARK port_allocator %s threads=%d range=%s allocations=%d seconds=%.2f "
                + "allocations_per_second=%.0f duplicates=%d load_average=%.1f%n", label, THREADS, range, total, seconds,
                total / seconds, duplicates, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertEquals(0, duplicates);
    }
}
