package io.serialgate.compute.resources;

import io.serialgate.common.contract.ComputeContract;
import io.serialgate.common.contract.ComputeHostInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this compute host is: its name, driver and port_range. */
@Path(ComputeContract.HOST)
@Produces(MediaType.APPLICATION_JSON)
public final class HostResource {

    private final ComputeHostInfo info;

    public HostResource(ComputeHostInfo info) {
        this.info = info;
    }

    @GET
    public ComputeHostInfo host() {
        return info;
    }
}
