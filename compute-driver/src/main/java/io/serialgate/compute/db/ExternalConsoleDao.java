package io.serialgate.compute.db;

import io.serialgate.compute.core.external.ExternalEndpoint;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code compute.external_consoles} table: registered TCP endpoints of external servers. */
@RegisterConstructorMapper(ExternalEndpoint.class)
public interface ExternalConsoleDao {

    @SqlBatch("""
            INSERT INTO compute.external_consoles (instance_uuid, port_index, host, port)
            VALUES (:instanceUuid, :portIndex, :host, :port)""")
    void insert(@Bind("instanceUuid") String instanceUuid, @Bind("portIndex") List<Integer> portIndexes,
                @Bind("host") List<String> hosts, @Bind("port") List<Integer> ports);

    @SqlUpdate("DELETE FROM compute.external_consoles WHERE instance_uuid = :instanceUuid")
    int delete(@Bind("instanceUuid") String instanceUuid);
}
