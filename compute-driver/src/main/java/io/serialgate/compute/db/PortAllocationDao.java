package io.serialgate.compute.db;

import io.serialgate.compute.core.AllocatedPort;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code compute.port_allocations} table: which TCP port each serial port of a server holds. */
@RegisterRowMapper(AllocatedPortMapper.class)
public interface PortAllocationDao {

    /** Up to {@code limit} ports in [from, to], ascending, that have no allocation on this host. */
    @SqlQuery("""
            SELECT p
              FROM generate_series(:from, :to) AS p
             WHERE NOT EXISTS (SELECT 1 FROM compute.port_allocations a
                                WHERE a.host = :host AND a.port = p)
             ORDER BY p
             LIMIT :limit""")
    List<Integer> freePorts(@Bind("host") String host, @Bind("from") int from, @Bind("to") int to,
                            @Bind("limit") int limit);

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

    @SqlUpdate("DELETE FROM compute.port_allocations WHERE host = :host AND instance_uuid = :instanceUuid")
    int release(@Bind("host") String host, @Bind("instanceUuid") String instanceUuid);

    @SqlQuery("SELECT count(*) FROM compute.port_allocations WHERE host = :host")
    int countOnHost(@Bind("host") String host);
}
