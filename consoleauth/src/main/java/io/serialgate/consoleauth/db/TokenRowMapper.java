package io.serialgate.consoleauth.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@link TokenDao#FIND_BY_HASH}'s columns by name, without Jdbi's per-call reflective constructor matching. */
public final class TokenRowMapper implements RowMapper<TokenRow> {

    @Override
    public TokenRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TokenRow(
                rs.getString("token_hash"),
                rs.getString("tenant_id"),
                rs.getString("instance_uuid"),
                rs.getInt("port_index"),
                rs.getString("host"),
                rs.getInt("port"),
                rs.getString("access_url_base"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"),
                instant(rs, "consumed_at"),
                rs.getString("compute_url"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
