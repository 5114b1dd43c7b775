package io.serialgate.consoleauth.resources;

import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.contract.ConsoleSessionContract;
import io.serialgate.common.contract.EndSessionRequest;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.contract.ProxyHeartbeat;
import io.serialgate.common.contract.ProxyHeartbeatAnswer;
import io.serialgate.common.contract.RevokeSessionsRequest;
import io.serialgate.common.contract.RevokedSessions;
import io.serialgate.common.contract.SessionPage;
import io.serialgate.consoleauth.core.SessionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Console sessions, opened and ended by serialproxy, revoked by api (internal). */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SessionsResource {

    private final SessionService sessions;

    public SessionsResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @POST
    @Path(ConsoleSessionContract.SESSIONS)
    public Response open(OpenSessionRequest request) {
        return Response.status(Response.Status.CREATED).entity(sessions.open(request)).build();
    }

    @POST
    @Path(ConsoleSessionContract.SESSION_END)
    public ConsoleSession end(@PathParam("session_id") String sessionId, EndSessionRequest request) {
        return sessions.end(sessionId, request);
    }

    @POST
    @Path(ConsoleSessionContract.REVOKE)
    public RevokedSessions revoke(RevokeSessionsRequest request) {
        return sessions.revoke(request);
    }

    @POST
    @Path(ConsoleSessionContract.PROXY_HEARTBEAT)
    @Consumes(MediaType.WILDCARD)
    public ProxyHeartbeatAnswer heartbeat(@PathParam("proxy_id") String proxyId, ProxyHeartbeat beat) {
        return sessions.heartbeat(proxyId, beat);
    }

    @GET
    @Path(ConsoleSessionContract.INSTANCE_SESSIONS)
    public SessionPage history(@PathParam("instance_uuid") String instanceUuid,
                               @QueryParam("limit") String limit, @QueryParam("marker") String marker) {
        return sessions.history(instanceUuid, limit, marker);
    }
}
