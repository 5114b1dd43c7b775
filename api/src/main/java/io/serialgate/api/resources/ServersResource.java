package io.serialgate.api.resources;

import io.serialgate.api.api.ConsoleOutputRequest;
import io.serialgate.api.api.CreateServerRequest;
import io.serialgate.api.api.PowerActionRequest;
import io.serialgate.api.api.RemoteConsoleRequest;
import io.serialgate.api.api.RequestBodies;
import io.serialgate.api.api.ResetSerialConsoleRequest;
import io.serialgate.api.api.SerialConsoleRequest;
import io.serialgate.api.api.ServerAction;
import io.serialgate.api.api.ServerViews;
import io.serialgate.api.auth.Caller;
import io.serialgate.api.auth.CallerSecurityContext;
import io.serialgate.api.core.ConsoleOutputs;
import io.serialgate.api.core.ConsoleSessions;
import io.serialgate.api.core.ProjectScope;
import io.serialgate.api.core.SerialConsoles;
import io.serialgate.api.core.Server;
import io.serialgate.api.core.ServerPower;
import io.serialgate.api.core.Servers;
import io.serialgate.api.microversion.ApiVersion;
import io.serialgate.api.microversion.MicroversionFilter;
import io.serialgate.common.error.NotFoundException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * Nova's servers API, under {@code /v2.1/servers}, {@code /v2.1/{tenant_id}/servers} and
 * {@code /v2/{tenant_id}/servers}. Bodies are taken as text and read strictly by
 * {@link RequestBodies}, so a missing Content-Type or an empty body gets a clear answer.
 */
@Path("/{base: v2\\.1|v2\\.1/[^/]+|v2/[^/]+}/servers")
@Produces(MediaType.APPLICATION_JSON)
public final class ServersResource {

    private final Servers servers;
    private final SerialConsoles consoles;
    private final ConsoleSessions sessions;
    private final ConsoleOutputs outputs;
    private final ServerPower power;

    public ServersResource(Servers servers, SerialConsoles consoles, ConsoleSessions sessions, ConsoleOutputs outputs,
                           ServerPower power) {
        this.servers = servers;
        this.consoles = consoles;
        this.sessions = sessions;
        this.outputs = outputs;
        this.power = power;
    }

    @POST
    public Response create(@PathParam("base") String base, String body,
                           @Context SecurityContext security, @Context UriInfo uri) {
        CreateServerRequest request = CreateServerRequest.from(RequestBodies.parse(body));
        Caller caller = CallerSecurityContext.callerOf(security);
        Server server = servers.create(caller, ProjectScope.of(caller, tenantOf(base)), request);
        return Response.accepted(new ServerViews(uri.getBaseUri()).created(server)).build();
    }

    @GET
    public Map<String, Object> list(@PathParam("base") String base, @QueryParam("name") String name,
                                    @Context SecurityContext security, @Context UriInfo uri) {
        ServerViews views = new ServerViews(uri.getBaseUri());
        List<Map<String, Object>> list = servers.list(scope(security, base), name).stream().map(views::summary).toList();
        return Map.of("servers", list);
    }

    @GET
    @Path("detail")
    public Map<String, Object> detail(@PathParam("base") String base, @QueryParam("name") String name,
                                      @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = CallerSecurityContext.callerOf(security);
        ServerViews views = new ServerViews(uri.getBaseUri());
        List<Map<String, Object>> list = servers.list(ProjectScope.of(caller, tenantOf(base)), name).stream()
                .map(s -> views.detail(s, caller.isAdmin())).toList();
        return Map.of("servers", list);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> show(@PathParam("base") String base, @PathParam("id") String id,
                                    @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = CallerSecurityContext.callerOf(security);
        Server server = servers.get(ProjectScope.of(caller, tenantOf(base)), id);
        return Map.of("server", new ServerViews(uri.getBaseUri()).detail(server, caller.isAdmin()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("base") String base, @PathParam("id") String id,
                           @Context SecurityContext security) {
        servers.delete(scope(security, base), id);
        return Response.noContent().build();
    }

    /** The seed's shape: {@code POST /v2/{tenant_id}/servers/{id}/get-serial-console} → 200. */
    @POST
    @Path("{id}/get-serial-console")
    public Map<String, Object> getSerialConsole(@PathParam("base") String base, @PathParam("id") String id,
                                                String body, @Context SecurityContext security) {
        SerialConsoleRequest request = SerialConsoleRequest.from(RequestBodies.parse(body));
        String url = consoles.consoleUrl(scope(security, base), id, request.portIndex());
        return Map.of("serial_console", Map.of("url", url));
    }

    /**
     * Nova's server actions: {@code os-getSerialConsole} (200, a console URL),
     * {@code os-getConsoleOutput} (200, the last lines of serial port 0), the power actions
     * {@code os-start}, {@code os-stop} and {@code reboot} (202, done when answered) and serialgate's
     * {@code os-resetSerialConsole} (202, whoever holds the serial port is dropped).
     */
    @POST
    @Path("{id}/action")
    public Response action(@PathParam("base") String base, @PathParam("id") String id,
                           String body, @Context SecurityContext security) {
        ServerAction action = ServerAction.from(RequestBodies.parse(body));
        ProjectScope scope = scope(security, base);
        if (PowerActionRequest.names(action.name())) {
            PowerActionRequest request = PowerActionRequest.from(action.name(), action.arguments());
            power.act(scope, id, request.kind());
            return Response.accepted().build();
        }
        switch (action.name()) {
            case ServerAction.GET_SERIAL_CONSOLE -> {
                SerialConsoleRequest request = SerialConsoleRequest.fromAction(action.arguments());
                String url = consoles.consoleUrl(scope, id, request.portIndex());
                return Response.ok(Map.of("console", Map.of("type", SerialConsoleRequest.SERIAL, "url", url))).build();
            }
            case ConsoleOutputRequest.ACTION -> {
                ConsoleOutputRequest request = ConsoleOutputRequest.from(action.arguments());
                return Response.ok(Map.of("output", outputs.output(scope, id, request.length()))).build();
            }
            case ResetSerialConsoleRequest.ACTION -> {
                ResetSerialConsoleRequest request = ResetSerialConsoleRequest.from(action.arguments());
                sessions.resetPort(scope, id, request.portIndex());
                return Response.accepted().build();
            }
            default -> {
                servers.get(scope, id); // an unknown server is still 404 first
                throw new NotFoundException("no_such_action", "There is no such action: " + action.name());
            }
        }
    }

    /** Nova 2.6+: {@code POST /v2.1/servers/{id}/remote-consoles}; below 2.6 the resource does not exist. */
    @POST
    @Path("{id}/remote-consoles")
    public Map<String, Object> remoteConsole(@PathParam("base") String base, @PathParam("id") String id,
                                             String body, @Context SecurityContext security,
                                             @Context ContainerRequestContext request) {
        if (!MicroversionFilter.of(request).atLeast(ApiVersion.REMOTE_CONSOLES)) {
            throw new NotFoundException("below_microversion", "The resource could not be found.");
        }
        RemoteConsoleRequest console = RemoteConsoleRequest.from(RequestBodies.parse(body));
        String url = consoles.consoleUrl(scope(security, base), id, console.portIndex());
        return Map.of("remote_console", Map.of(
                "protocol", SerialConsoleRequest.SERIAL, "type", SerialConsoleRequest.SERIAL, "url", url));
    }

    static ProjectScope scope(SecurityContext security, String base) {
        return ProjectScope.of(CallerSecurityContext.callerOf(security), tenantOf(base));
    }

    /** The {@code {tenant_id}} of {@code v2/{tenant_id}} or {@code v2.1/{tenant_id}}; null for bare v2.1. */
    static String tenantOf(String base) {
        int slash = base.indexOf('/');
        return slash < 0 ? null : base.substring(slash + 1);
    }
}
