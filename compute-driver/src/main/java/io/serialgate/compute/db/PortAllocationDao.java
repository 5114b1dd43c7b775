package io.serialgate.compute.db;

import io.serialgate.compute.core.AllocatedPort;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code compute.port_allocations} table: which TCP port each serial port of a server holds. */
@RegisterRowMapper(AllocatedPortMapper.class)
public interface PortAllocationDao {

    /** Up to {@code limit} ports in [from, to] that have no allocation on this host. */
    @SqlQuery("""
            SELECT p
              FROM generate_series(:from, :to) AS p
             WHERE NOT EXISTS (SELECT 1 FROM compute.port_allocations a
                                WHERE a.host = :host AND a.port = p)
             LIMIT :limit""")
    List<Integer> freePorts(@Bind("host") String host, @Bind("from") int from, @Bind("to") int to,
                            @Bind("limit") int limit);

    /**
     * Records a port in [from, to] (in practice the lowest: no ORDER BY, so the scan stops at the
     * first hit instead of checking the whole range) that has no allocation on this host and is not in
     * {@code skip}; returns it, or nothing when there is none or a racer took it first (the insert
     * then waits for the racer's commit and does nothing). One round trip per attempt.
     */
    @SqlQuery("""
            INSERT INTO compute.port_allocations (host, port, instance_uuid, port_index)
            SELECT :host, p, :instanceUuid, :portIndex
              FROM generate_series(:from, :to) AS p
             WHERE NOT EXISTS (SELECT 1 FROM compute.port_allocations a
                                WHERE a.host = :host AND a.port = p)
               AND p <> ALL(:skip)
             LIMIT 1
            ON CONFLICT ON CONSTRAINT port_allocations_host_port_key DO NOTHING
            RETURNING port""")
    Optional<Integer> insertFirstFree(@Bind("host") String host, @Bind("from") int from, @Bind("to") int to,
                                      @Bind("skip") int[] skip, @Bind("instanceUuid") String instanceUuid,
                                      @Bind("portIndex") int portIndex);

    /**
     * Records the allocation unless another allocator holds the port already (then 0 rows). A
     * second row for the same server and port index is an error, not a silent no-op.
     */
    @SqlUpdate("""
            INSERT INTO compute.port_allocations (host, port, instance_uuid, port_index)
            VALUES (:host, :port, :instanceUuid, :portIndex)
            ON CONFLICT ON CONSTRAINT port_allocations_host_port_key DO NOTHING""")
    int tryInsert(@Bind("host") String host, @Bind("port") int port,
                  @Bind("instanceUuid") String instanceUuid, @Bind("portIndex") int portIndex);

    @SqlQuery("""
            SELECT port_index, port FROM compute.port_allocations
             WHERE host = :host AND instance_uuid = :instanceUuid
             ORDER BY port_index""")
    List<AllocatedPort> portsOf(@Bind("host") String host, @Bind("instanceUuid") String instanceUuid);

    /** Records a port found in use by a server (reconcile); 0 rows when it is recorded already. */
    @SqlUpdate("""
            INSERT INTO compute.port_allocations (host, port, instance_uuid, port_index)
            VALUES (:host, :port, :instanceUuid, :portIndex)
            ON CONFLICT DO NOTHING""")
    int recordIfAbsent(@Bind("host") String host, @Bind("port") int port,
                       @Bind("instanceUuid") String instanceUuid, @Bind("portIndex") int portIndex);

    @SqlQuery("SELECT DISTINCT instance_uuid FROM compute.port_allocations WHERE host = :host")
    List<String> instancesOnHost(@Bind("host") String host);

    @SqlUpdate("""
            DELETE FROM compute.port_allocations
             WHERE host = :host AND instance_uuid = :instanceUuid AND port IN (<ports>)""")
    int releasePorts(@Bind("host") String host, @Bind("instanceUuid") String instanceUuid,
                     @BindList("ports") List<Integer> ports);

    @SqlUpdate("DELETE FROM compute.port_allocations WHERE host = :host AND instance_uuid = :instanceUuid")
    int release(@Bind("host") String host, @Bind("instanceUuid") String instanceUuid);

    @SqlQuery("SELECT count(*) FROM compute.port_allocations WHERE host = :host")
    int countOnHost(@Bind("host") String host);
}
