package io.serialgate.compute.db;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code compute.servers} table: servers a driver keeps itself (fake, external). */
@RegisterRowMapper(ServerRowMapper.class)
public interface ServerDao {

    /** 1 when recorded, 0 when a server with this uuid exists already. */
    @SqlUpdate("""
            INSERT INTO compute.servers (instance_uuid, name, host, driver, serial_port_count)
            VALUES (:instanceUuid, :name, :host, :driver, :serialPortCount)
            ON CONFLICT (instance_uuid) DO NOTHING""")
    int tryInsert(@Bind("instanceUuid") String instanceUuid, @Bind("name") String name,
                  @Bind("host") String host, @Bind("driver") String driver,
                  @Bind("serialPortCount") int serialPortCount);

    @SqlQuery("""
            SELECT instance_uuid, name, host, driver, serial_port_count, power_state FROM compute.servers
             WHERE host = :host AND driver = :driver
             ORDER BY created_at, instance_uuid""")
    List<ServerRow> list(@Bind("host") String host, @Bind("driver") String driver);

    @SqlQuery("""
            SELECT instance_uuid, name, host, driver, serial_port_count, power_state FROM compute.servers
             WHERE instance_uuid = :instanceUuid AND host = :host AND driver = :driver""")
    Optional<ServerRow> find(@Bind("host") String host, @Bind("driver") String driver,
                             @Bind("instanceUuid") String instanceUuid);

    @SqlUpdate("""
            UPDATE compute.servers SET power_state = :powerState
             WHERE instance_uuid = :instanceUuid AND host = :host""")
    int setPowerState(@Bind("host") String host, @Bind("instanceUuid") String instanceUuid,
                      @Bind("powerState") String powerState);

    @SqlUpdate("DELETE FROM compute.servers WHERE instance_uuid = :instanceUuid AND host = :host")
    int delete(@Bind("host") String host, @Bind("instanceUuid") String instanceUuid);
}
