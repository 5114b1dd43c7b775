package io.serialgate.api.db;

import io.serialgate.api.core.ComputeHost;
import io.serialgate.api.core.ComputeHostState;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The api.compute_hosts table. "Up" is judged by the database clock, the same clock that stamps
 * {@code last_seen}, so the api's own clock never matters.
 */
@RegisterRowMapper(ComputeHostDao.HostMapper.class)
public interface ComputeHostDao {

    String COLUMNS = "host, url, driver, port_range, free_ports, max_serial_ports, first_seen, last_seen";

    /** Records a heartbeat; true when the host (or its URL) is new, so only news is logged. */
    @SqlQuery("INSERT INTO api.compute_hosts AS h (host, url, driver, port_range, free_ports, max_serial_ports)"
            + " VALUES (:host, :url, :driver, :portRange, :freePorts, :maxSerialPorts)"
            + " ON CONFLICT (host) DO UPDATE SET url = excluded.url, driver = excluded.driver,"
            + " port_range = excluded.port_range, free_ports = excluded.free_ports,"
            + " max_serial_ports = excluded.max_serial_ports, last_seen = now()"
            + " RETURNING (xmax = 0)")
    boolean heartbeat(@Bind("host") String host, @Bind("url") String url, @Bind("driver") String driver,
                      @Bind("portRange") String portRange, @Bind("freePorts") int freePorts,
                      @Bind("maxSerialPorts") int maxSerialPorts);

    @SqlQuery("SELECT " + COLUMNS + " FROM api.compute_hosts WHERE host = :host")
    Optional<ComputeHost> find(@Bind("host") String host);

    @SqlQuery("SELECT (last_seen > now() - make_interval(secs => :timeoutSeconds)) FROM api.compute_hosts"
            + " WHERE host = :host")
    Optional<Boolean> isUp(@Bind("host") String host, @Bind("timeoutSeconds") int timeoutSeconds);

    /** Hosts heard from within the timeout that can take {@code ports} more serial ports, roomiest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM api.compute_hosts"
            + " WHERE last_seen > now() - make_interval(secs => :timeoutSeconds)"
            + " AND free_ports >= :ports AND max_serial_ports >= :ports"
            + " ORDER BY free_ports DESC, host")
    List<ComputeHost> upWithRoomFor(@Bind("ports") int ports, @Bind("timeoutSeconds") int timeoutSeconds);

    /** Every registered host by name, each with whether it is up now. */
    @SqlQuery("SELECT " + COLUMNS + ", (last_seen > now() - make_interval(secs => :timeoutSeconds)) AS up"
            + " FROM api.compute_hosts WHERE (CAST(:host AS text) IS NULL OR host = :host) ORDER BY host")
    @RegisterRowMapper(HostStateMapper.class)
    List<ComputeHostState> states(@Bind("host") String host, @Bind("timeoutSeconds") int timeoutSeconds);

    @SqlQuery("SELECT count(*) FROM api.compute_hosts WHERE last_seen > now() - make_interval(secs => :timeoutSeconds)")
    int countUp(@Bind("timeoutSeconds") int timeoutSeconds);

    @SqlQuery("SELECT count(*) FROM api.compute_hosts")
    int countAll();

    /** Until its next heartbeat, count the ports a placed server takes, so placements spread. */
    @SqlUpdate("UPDATE api.compute_hosts SET free_ports = greatest(free_ports - :ports, 0) WHERE host = :host")
    int reserve(@Bind("host") String host, @Bind("ports") int ports);

    final class HostStateMapper implements RowMapper<ComputeHostState> {
        @Override
        public ComputeHostState map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ComputeHostState(new HostMapper().map(rs, ctx), rs.getBoolean("up"));
        }
    }

    final class HostMapper implements RowMapper<ComputeHost> {
        @Override
        public ComputeHost map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ComputeHost(
                    rs.getString("host"),
                    URI.create(rs.getString("url")),
                    rs.getString("driver"),
                    rs.getString("port_range"),
                    rs.getInt("free_ports"),
                    rs.getInt("max_serial_ports"),
                    rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
                    rs.getObject("last_seen", OffsetDateTime.class).toInstant());
        }
    }
}
