package io.serialgate.compute.db;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code compute.servers} table: servers a driver keeps itself (fake, external), and the
 * libvirt driver's record of which domains it spawned (with {@code spawn_state}, so a spawn a
 * crash interrupted can be told from a finished one).
 */
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

    /**
     * Records a server whose spawn starts now ({@code spawn_state = 'spawning'}); 1 when recorded,
     * 0 when a server with this uuid exists already.
     */
    @SqlUpdate("""
            INSERT INTO compute.servers (instance_uuid, name, host, driver, serial_port_count, spawn_state)
            VALUES (:instanceUuid, :name, :host, :driver, :serialPortCount, 'spawning')
            ON CONFLICT (instance_uuid) DO NOTHING""")
    int tryInsertSpawning(@Bind("instanceUuid") String instanceUuid, @Bind("name") String name,
                          @Bind("host") String host, @Bind("driver") String driver,
                          @Bind("serialPortCount") int serialPortCount);

    /** The spawn of this server finished (its domain runs). */
    @SqlUpdate("""
            UPDATE compute.servers SET spawn_state = 'spawned'
             WHERE instance_uuid = :instanceUuid AND host = :host""")
    int markSpawned(@Bind("host") String host, @Bind("instanceUuid") String instanceUuid);

    /** Whether this server's spawn has not finished (yet). */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM compute.servers
                            WHERE instance_uuid = :instanceUuid AND host = :host AND spawn_state = 'spawning')""")
    boolean isSpawning(@Bind("host") String host, @Bind("instanceUuid") String instanceUuid);

    /** Servers of this host and driver whose spawn never finished. */
    @SqlQuery("""
            SELECT instance_uuid FROM compute.servers
             WHERE host = :host AND driver = :driver AND spawn_state = 'spawning'""")
    List<String> spawning(@Bind("host") String host, @Bind("driver") String driver);

    /** Every server with a row on this host, whatever its driver. */
    @SqlQuery("SELECT instance_uuid FROM compute.servers WHERE host = :host")
    List<String> uuidsOnHost(@Bind("host") String host);

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
