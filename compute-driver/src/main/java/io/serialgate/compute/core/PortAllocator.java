package io.serialgate.compute.core;

import io.serialgate.common.config.PortRange;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.compute.db.PortAllocationDao;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out TCP ports from {@code port_range} to the serial ports of servers on one compute host,
 * persistently: a recorded port is never tested or handed out again until its server is deleted.
 *
 * <p>Safe with any number of threads and compute processes on one database: each port is taken by
 * one short transaction that lists free candidates, test-binds one on {@code proxyclient_address}
 * and inserts it; the {@code UNIQUE (host, port)} constraint decides between racers (the loser's
 * insert does nothing and it moves on). Each allocator starts its search at a random port so racers
 * rarely meet. One port per transaction means a transaction never waits while holding another row,
 * so allocators cannot deadlock.
 */
public class PortAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(PortAllocator.class);
    private static final int CANDIDATES_PER_QUERY = 16;

    private final Jdbi jdbi;
    private final String host;
    private final PortRange range;
    private final PortProbe probe;

    public PortAllocator(Jdbi jdbi, String host, PortRange range, PortProbe probe) {
        this.jdbi = jdbi;
        this.host = host;
        this.range = range;
        this.probe = probe;
    }

    public String host() {
        return host;
    }

    public PortRange range() {
        return range;
    }

    /**
     * Takes {@code count} ports for serial ports 0..count-1 of a server. All or nothing: when one
     * cannot be had, those already taken are released and UnavailableException names host and range.
     */
    public List<AllocatedPort> allocate(String instanceUuid, int count) {
        List<AllocatedPort> taken = new ArrayList<>(count);
        try {
            for (int index = 0; index < count; index++) {
                taken.add(new AllocatedPort(index, allocateOne(instanceUuid, index)));
            }
        } catch (RuntimeException e) {
            if (!taken.isEmpty()) {
                release(instanceUuid);
            }
            throw e;
        }
        LOG.info("event=ports_allocated host={} instance={} ports={}", host, instanceUuid,
                taken.stream().map(p -> Integer.toString(p.port())).collect(Collectors.joining(",")));
        return taken;
    }

    /** The ports a server holds, by port index. */
    public List<AllocatedPort> portsOf(String instanceUuid) {
        return jdbi.withExtension(PortAllocationDao.class, dao -> dao.portsOf(host, instanceUuid));
    }

    /** Gives back every port of a server; returns how many. */
    public int release(String instanceUuid) {
        int released = jdbi.withExtension(PortAllocationDao.class, dao -> dao.release(host, instanceUuid));
        if (released > 0) {
            LOG.info("event=ports_released host={} instance={} count={}", host, instanceUuid, released);
        }
        return released;
    }

    /** How many ports of the range are allocated on this host. */
    public int allocatedCount() {
        return jdbi.withExtension(PortAllocationDao.class, dao -> dao.countOnHost(host));
    }

    private int allocateOne(String instanceUuid, int portIndex) {
        int start = range.min() + ThreadLocalRandom.current().nextInt(range.size());
        Integer port = takeFirstFree(instanceUuid, portIndex, start, range.max());
        if (port == null && start > range.min()) {
            port = takeFirstFree(instanceUuid, portIndex, range.min(), start - 1);
        }
        if (port == null) {
            LOG.warn("event=port_range_exhausted host={} port_range={}", host, range);
            throw new UnavailableException("port_range_exhausted", "No free serial console port on host "
                    + host + " in port_range " + range + ": all " + range.size()
                    + " ports are allocated or in use.");
        }
        return port;
    }

    /** Scans [from, to] upwards; null when every port there is allocated, taken by a racer or busy. */
    private Integer takeFirstFree(String instanceUuid, int portIndex, int from, int to) {
        int cursor = from;
        while (cursor <= to) {
            final int scanFrom = cursor;
            ScanResult result = jdbi.inTransaction(handle -> {
                PortAllocationDao dao = handle.attach(PortAllocationDao.class);
                List<Integer> candidates = dao.freePorts(host, scanFrom, to, CANDIDATES_PER_QUERY);
                for (int candidate : candidates) {
                    // A port some other program listens on is skipped, not recorded: it may be free later.
                    if (probe.canBind(candidate) && dao.tryInsert(host, candidate, instanceUuid, portIndex) == 1) {
                        return new ScanResult(candidate, candidate + 1);
                    }
                }
                int next = candidates.isEmpty() ? to + 1 : candidates.get(candidates.size() - 1) + 1;
                return new ScanResult(null, next);
            });
            if (result.port() != null) {
                return result.port();
            }
            cursor = result.next();
        }
        return null;
    }

    private record ScanResult(Integer port, int next) {}
}
