package io.serialgate.compute.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code compute.servers} row. */
public final class ServerRowMapper implements RowMapper<ServerRow> {

    @Override
    public ServerRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ServerRow(rs.getString("instance_uuid"), rs.getString("name"), rs.getString("host"),
                rs.getString("driver"), rs.getInt("serial_port_count"),
                rs.getString("power_state"));
    }
}
