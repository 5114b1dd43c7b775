package io.serialgate.compute.db;

import io.serialgate.compute.core.AllocatedPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code (port_index, port)} row. */
public final class AllocatedPortMapper implements RowMapper<AllocatedPort> {

    @Override
    public AllocatedPort map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AllocatedPort(rs.getInt("port_index"), rs.getInt("port"));
    }
}
