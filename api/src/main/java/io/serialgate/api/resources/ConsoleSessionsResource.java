package io.serialgate.api.resources;

import io.serialgate.api.api.SessionQuery;
import io.serialgate.api.api.SessionViews;
import io.serialgate.api.auth.Caller;
import io.serialgate.api.auth.CallerSecurityContext;
import io.serialgate.api.core.ConsoleSessions;
import io.serialgate.api.core.ProjectScope;
import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.contract.SessionPage;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server's console sessions (the spec's hung-session API): list the open ones or the history,
 * and force-disconnect one.
 */
@Path("/{base: v2\\.1|v2\\.1/[^/]+|v2/[^/]+}/servers/{id}/serial-console-sessions")
@Produces(MediaType.APPLICATION_JSON)
public final class ConsoleSessionsResource {

    private final ConsoleSessions sessions;

    public ConsoleSessionsResource(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    public Map<String, Object> list(@PathParam("base") String base, @PathParam("id") String id,
                                    @QueryParam("all") String all, @QueryParam("limit") String limit,
                                    @QueryParam("marker") String marker,
                                    @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = CallerSecurityContext.callerOf(security);
        ProjectScope scope = ProjectScope.of(caller, ServersResource.tenantOf(base));
        SessionQuery query = SessionQuery.from(all, limit, marker);
        Map<String, Object> body = new LinkedHashMap<>();
        if (!query.all()) {
            body.put("serial_console_sessions", views(sessions.open(scope, id).sessions(), caller));
            return body;
        }
        SessionPage page = sessions.history(scope, id, query.limit(), query.marker());
        body.put("serial_console_sessions", views(page.sessions(), caller));
        if (page.nextMarker() != null) {
            // Nova's paging links: the same request, from the next marker on.
            String next = uri.getRequestUriBuilder().replaceQueryParam("marker", page.nextMarker()).build().toString();
            body.put("serial_console_sessions_links", List.of(Map.of("rel", "next", "href", next)));
        }
        return body;
    }

    /** Force disconnect: 202, the session's proxy closes it within a heartbeat. */
    @DELETE
    @Path("{session_id}")
    public Response disconnect(@PathParam("base") String base, @PathParam("id") String id,
                               @PathParam("session_id") String sessionId, @Context SecurityContext security) {
        sessions.disconnect(ServersResource.scope(security, base), id, sessionId);
        return Response.accepted().build();
    }

    private static List<Map<String, Object>> views(List<ConsoleSession> list, Caller caller) {
        return list.stream().map(s -> SessionViews.session(s, caller.isAdmin())).toList();
    }
}
