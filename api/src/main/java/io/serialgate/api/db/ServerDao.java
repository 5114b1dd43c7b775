package io.serialgate.api.db;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.api.core.Server;
import io.serialgate.api.core.ServerStatus;
import java.io.IOException;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The api.servers table. */
@RegisterRowMapper(ServerDao.ServerMapper.class)
public interface ServerDao {

    /** A server with the URL of its registered compute host (null for the fallback host), in one query. */
    String COLUMNS = "s.id, s.project_id, s.name, s.status, s.host, s.serial_port_count,"
            + " s.image_properties::text AS image_properties, s.fault, s.created_at, s.updated_at, h.url AS host_url";
    String FROM = " FROM api.servers s LEFT JOIN api.compute_hosts h ON h.host = s.host";

    @SqlUpdate("INSERT INTO api.servers (id, project_id, name, status, serial_port_count, image_properties)"
            + " VALUES (:id, :projectId, :name, :status, :serialPortCount, CAST(:imageProperties AS jsonb))")
    void insert(@Bind("id") UUID id, @Bind("projectId") String projectId, @Bind("name") String name,
                @Bind("status") String status, @Bind("serialPortCount") int serialPortCount,
                @Bind("imageProperties") String imagePropertiesJson);

    /** The lookup by id, run as a {@link io.serialgate.common.db.SingleRowQuery} by {@code Servers}. */
    String FIND_BY_ID = "SELECT " + COLUMNS + FROM + " WHERE s.id = :id";

    /** Null project: every project; null name: every name. Newest first, as Nova lists. */
    @SqlQuery("SELECT " + COLUMNS + FROM
            + " WHERE (CAST(:projectId AS text) IS NULL OR s.project_id = :projectId)"
            + " AND (CAST(:name AS text) IS NULL OR s.name = :name)"
            + " ORDER BY s.created_at DESC, s.id")
    List<Server> list(@Bind("projectId") String projectId, @Bind("name") String name);

    @SqlUpdate("UPDATE api.servers SET status = :status, host = :host, serial_port_count = :serialPortCount,"
            + " fault = :fault, updated_at = now() WHERE id = :id")
    int update(@Bind("id") UUID id, @Bind("status") String status, @Bind("host") String host,
               @Bind("serialPortCount") int serialPortCount, @Bind("fault") String fault);

    @SqlUpdate("UPDATE api.servers SET status = :status, updated_at = now() WHERE id = :id")
    int setStatus(@Bind("id") UUID id, @Bind("status") String status);

    /**
     * The status a power action or the compute host reported, written only over ACTIVE or SHUTOFF:
     * a server being deleted or migrated, or in ERROR, keeps that status.
     */
    @SqlUpdate("UPDATE api.servers SET status = :status, updated_at = now()"
            + " WHERE id = :id AND status IN ('ACTIVE', 'SHUTOFF')")
    int setPowerStatus(@Bind("id") UUID id, @Bind("status") String status);

    /** The servers whose power state their compute host decides (ACTIVE or SHUTOFF), for the power-state sync. */
    @SqlQuery("SELECT " + COLUMNS + FROM + " WHERE s.status IN ('ACTIVE', 'SHUTOFF')")
    List<Server> powerTracked();

    /**
     * The power-state sync's write: only over the row exactly as the sync read it before asking the
     * compute host, so a power action that finished in between (and wrote the newer truth) wins.
     */
    @SqlUpdate("UPDATE api.servers SET status = :status, updated_at = now()"
            + " WHERE id = :id AND status = :was AND updated_at = :wasUpdatedAt")
    int syncPowerStatus(@Bind("id") UUID id, @Bind("status") String status, @Bind("was") String was,
                        @Bind("wasUpdatedAt") Instant wasUpdatedAt);

    @SqlUpdate("DELETE FROM api.servers WHERE id = :id")
    int delete(@Bind("id") UUID id);

    final class ServerMapper implements RowMapper<Server> {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {};

        @Override
        public Server map(ResultSet rs, StatementContext ctx) throws SQLException {
            Map<String, String> properties;
            try {
                properties = JSON.readValue(rs.getString("image_properties"), PROPERTIES);
            } catch (IOException e) {
                throw new SQLException("api.servers.image_properties is not a JSON object of strings", e);
            }
            return new Server(
                    rs.getObject("id", UUID.class),
                    rs.getString("project_id"),
                    rs.getString("name"),
                    ServerStatus.parse(rs.getString("status")),
                    rs.getString("host"),
                    rs.getInt("serial_port_count"),
                    properties,
                    rs.getString("fault"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                    rs.getString("host_url") == null ? null : URI.create(rs.getString("host_url")));
        }
    }
}
