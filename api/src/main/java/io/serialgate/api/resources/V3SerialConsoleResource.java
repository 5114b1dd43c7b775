package io.serialgate.api.resources;

import io.serialgate.api.api.RequestBodies;
import io.serialgate.api.api.SerialConsoleRequest;
import io.serialgate.api.auth.CallerSecurityContext;
import io.serialgate.api.core.ProjectScope;
import io.serialgate.api.core.SerialConsoles;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** The seed's v3 shape: {@code POST /v3/servers/{id}/get-serial-console} → 202. */
@Path("/v3/servers/{id}/get-serial-console")
@Produces(MediaType.APPLICATION_JSON)
public final class V3SerialConsoleResource {

    private final SerialConsoles consoles;

    public V3SerialConsoleResource(SerialConsoles consoles) {
        this.consoles = consoles;
    }

    @POST
    public Response getSerialConsole(@PathParam("id") String id, String body, @Context SecurityContext security) {
        SerialConsoleRequest request = SerialConsoleRequest.from(RequestBodies.parse(body));
        ProjectScope scope = ProjectScope.of(CallerSecurityContext.callerOf(security), null);
        String url = consoles.consoleUrl(scope, id, request.portIndex());
        return Response.accepted(Map.of("serial_console", Map.of("url", url))).build();
    }
}
