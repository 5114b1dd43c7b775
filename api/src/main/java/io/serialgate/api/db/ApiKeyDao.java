package io.serialgate.api.db;

import io.serialgate.api.auth.Role;
import io.serialgate.api.core.ApiKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The api.api_keys table. Keys are looked up by the SHA-256 hash of the presented key. */
@RegisterRowMapper(ApiKeyDao.ApiKeyMapper.class)
public interface ApiKeyDao {

    String COLUMNS = "id, project_id, roles, description, created_at, revoked_at";

    /** Every request's lookup, run as a {@link io.serialgate.common.db.SingleRowQuery} by {@code ApiKeys}. */
    String FIND_ACTIVE_BY_HASH = "SELECT " + COLUMNS + " FROM api.api_keys WHERE key_hash = :hash AND revoked_at IS NULL";

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM api.api_keys WHERE revoked_at IS NULL"
            + " AND 'admin' = ANY (string_to_array(roles, ',')))")
    boolean anyActiveAdmin();

    @SqlUpdate("INSERT INTO api.api_keys (id, key_hash, project_id, roles, description)"
            + " VALUES (:id, :hash, :projectId, :roles, :description)")
    void insert(@Bind("id") UUID id, @Bind("hash") String keyHash, @Bind("projectId") String projectId,
                @Bind("roles") String roles, @Bind("description") String description);

    @SqlQuery("SELECT " + COLUMNS + " FROM api.api_keys ORDER BY created_at, id")
    List<ApiKey> listAll();

    @SqlUpdate("UPDATE api.api_keys SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") UUID id);

    final class ApiKeyMapper implements RowMapper<ApiKey> {
        @Override
        public ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
            OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
            return new ApiKey(
                    rs.getObject("id", UUID.class),
                    rs.getString("project_id"),
                    Role.split(rs.getString("roles")),
                    rs.getString("description"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    revoked == null ? null : revoked.toInstant());
        }
    }
}
