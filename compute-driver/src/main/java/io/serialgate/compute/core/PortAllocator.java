package io.serialgate.compute.core;

import io.serialgate.common.config.PortRange;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.compute.db.PortAllocationDao;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out TCP ports from {@code port_range} to the serial ports of servers on one compute host,
 * persistently: a recorded port is never tested or handed out again until its server is deleted.
 *
 * <p>Safe with any number of threads and compute processes on one database: each port is
 * claimed by one INSERT ... SELECT (one round trip, committed at once) that picks at random among
 * the first few unallocated ports after a random offset; the {@code UNIQUE (host, port)}
 * constraint decides between racers (the loser's insert does nothing and it picks again). The
 * claimed port is then test-bound on {@code proxyclient_address}; when another program holds it
 * the claim is deleted and the port skipped. The bind test runs outside any transaction, so no
 * row lock is held while it runs, and one port per statement means allocators never deadlock.
 */
public class PortAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(PortAllocator.class);
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * How many free ports after a random offset one claim chooses among at random: enough that
     * concurrent allocators starting in the same crowded stretch rarely pick the same port.
     */
    private static final int CANDIDATES = 16;

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
            // Only what this call took: a racing duplicate spawn must not free the first one's ports.
            if (!taken.isEmpty()) {
                List<Integer> ports = taken.stream().map(AllocatedPort::port).toList();
                jdbi.useExtension(PortAllocationDao.class, dao -> dao.releasePorts(host, instanceUuid, ports));
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

    /**
     * Records that serial port {@code portIndex} of a server uses {@code port}, as found on the
     * hypervisor (reconcile). False when that row exists already or another server holds the port.
     */
    public boolean record(String instanceUuid, int portIndex, int port) {
        return jdbi.withExtension(PortAllocationDao.class,
                dao -> dao.recordIfAbsent(host, port, instanceUuid, portIndex)) == 1;
    }

    /** Every server holding ports on this host. */
    public Set<String> instancesWithPorts() {
        return new HashSet<>(jdbi.withExtension(PortAllocationDao.class, dao -> dao.instancesOnHost(host)));
    }

    /** How many ports of the range are allocated on this host. */
    public int allocatedCount() {
        return jdbi.withExtension(PortAllocationDao.class, dao -> dao.countOnHost(host));
    }

    private int allocateOne(String instanceUuid, int portIndex) {
        List<Integer> busy = new ArrayList<>();
        while (true) {
            int[] skip = busy.stream().mapToInt(Integer::intValue).toArray();
            int offset = ThreadLocalRandom.current().nextInt(range.size());
            Optional<Integer> claimed = claim(offset, skip, instanceUuid, portIndex);
            if (claimed.isPresent()) {
                int port = claimed.get();
                if (probe.canBind(port)) {
                    return port;
                }
                // Another program listens there: give the claim back (not recorded, it may be free later).
                jdbi.useExtension(PortAllocationDao.class, dao -> dao.releasePorts(host, instanceUuid, List.of(port)));
                busy.add(port);
                LOG.info("event=port_busy host={} port={}", host, port);
            } else if (exhausted(busy)) {
                LOG.warn("event=port_range_exhausted host={} port_range={}", host, range);
                throw new UnavailableException("port_range_exhausted", "No free serial console port on host "
                        + host + " in port_range " + range + ": all " + range.size()
                        + " ports are allocated or in use.");
            }
            // else a racer claimed our pick in the same instant: pick again.
        }
    }

    /** Whether every port of the range without an allocation is one found busy by this call. */
    private boolean exhausted(List<Integer> busy) {
        return jdbi.withExtension(PortAllocationDao.class,
                dao -> dao.freePorts(host, range.min(), range.max(), 1 + busy.size())).stream().allMatch(busy::contains);
    }

    /** Empty when nothing was inserted; Conflict when this server already has this port index. */
    private Optional<Integer> claim(int offset, int[] skip, String instanceUuid, int portIndex) {
        try {
            return jdbi.withExtension(PortAllocationDao.class, dao -> dao.claimFree(host, range.min(), range.size(),
                    offset, skip, CANDIDATES, instanceUuid, portIndex));
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw new ConflictException("server_exists", "Server " + instanceUuid
                        + " already holds serial port " + portIndex + " on host " + host + ".");
            }
            throw e;
        }
    }

}
