package io.serialgate.api.resources;

import io.serialgate.api.api.SessionViews;
import io.serialgate.api.core.ConsoleSessions;
import io.serialgate.api.core.ConsoleSessions.ServerSessions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** {@code GET /servers/{id}/serial-ports}: a server's serial ports and whether each is in use. */
@Path("/{base: v2\\.1|v2\\.1/[^/]+|v2/[^/]+}/servers/{id}/serial-ports")
@Produces(MediaType.APPLICATION_JSON)
public final class SerialPortsResource {

    private final ConsoleSessions sessions;

    public SerialPortsResource(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    public Map<String, Object> list(@PathParam("base") String base, @PathParam("id") String id,
                                    @Context SecurityContext security) {
        ServerSessions open = sessions.open(ServersResource.scope(security, base), id);
        return Map.of("serial_ports", SessionViews.ports(open.server(), open.sessions()));
    }
}
