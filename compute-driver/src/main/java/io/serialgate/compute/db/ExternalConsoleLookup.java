package io.serialgate.compute.db;

import io.serialgate.common.db.NamedStatement;
import io.serialgate.compute.core.external.ExternalEndpoint;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Where one serial port of an external server listens: the query consoleauth's endpoint re-check
 * makes on every console connect, so one statement as plain JDBC ({@link NamedStatement} says why)
 * instead of two SqlObject calls.
 */
public final class ExternalConsoleLookup {

    /** The server's port count, and the endpoint of the asked port when the server has it. */
    public record Found(int serialPortCount, Optional<ExternalEndpoint> endpoint) {}

    private static final NamedStatement FIND = new NamedStatement("""
            SELECT s.serial_port_count, c.host, c.port
              FROM compute.servers s
              LEFT JOIN compute.external_consoles c
                ON c.instance_uuid = s.instance_uuid AND c.port_index = :portIndex
             WHERE s.instance_uuid = :instanceUuid AND s.host = :host AND s.driver = :driver""");

    private final Jdbi jdbi;
    private final String host;
    private final String driver;

    public ExternalConsoleLookup(Jdbi jdbi, String host, String driver) {
        this.jdbi = jdbi;
        this.host = host;
        this.driver = driver;
    }

    /** Empty when this host has no such server. */
    public Optional<Found> find(String instanceUuid, int portIndex) {
        return jdbi.withHandle(handle -> FIND.one(handle, row -> new Found(row.getInt("serial_port_count"),
                row.getString("host") == null ? Optional.empty()
                        : Optional.of(new ExternalEndpoint(row.getString("host"), row.getInt("port")))),
                "portIndex", portIndex, "instanceUuid", instanceUuid, "host", host, "driver", driver));
    }
}
