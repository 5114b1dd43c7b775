package io.serialgate.api.resources;

import io.serialgate.api.api.HeartbeatRequest;
import io.serialgate.api.api.RequestBodies;
import io.serialgate.api.core.ComputeHosts;
import io.serialgate.common.contract.ApiInternalContract;
import io.serialgate.common.error.ErrorBody;
import io.serialgate.common.error.SerialgateException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The api's internal endpoint for compute hosts (service credential checked by
 * {@link io.serialgate.api.auth.InternalAuthFilter}). Its callers are serialgate services whose
 * client reads common's {@link ErrorBody}, not a Nova fault, so its errors are answered here in
 * that shape instead of by the public fault mappers.
 */
@Path(ApiInternalContract.COMPUTE_HOST_HEARTBEAT)
@Produces(MediaType.APPLICATION_JSON)
public final class ComputeHostsResource {

    private final ComputeHosts hosts;

    public ComputeHostsResource(ComputeHosts hosts) {
        this.hosts = hosts;
    }

    @POST
    public Response heartbeat(String body) {
        try {
            hosts.heartbeat(HeartbeatRequest.from(RequestBodies.parse(body)));
            return Response.noContent().build();
        } catch (SerialgateException e) {
            return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(e.status(), e.reason(), e.getMessage())).build();
        }
    }
}
