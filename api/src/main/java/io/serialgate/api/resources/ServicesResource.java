package io.serialgate.api.resources;

import io.serialgate.api.auth.CallerSecurityContext;
import io.serialgate.api.core.ComputeHost;
import io.serialgate.api.core.ComputeHostState;
import io.serialgate.api.core.ComputeHosts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nova's {@code GET /os-services} (admin only), so {@code openstack compute service list} shows
 * the registered compute hosts and whether each is up. Each host is one nova-compute service;
 * ids are positions in host-name order (Nova before 2.53 uses integers too).
 */
@Path("/{base: v2\\.1|v2\\.1/[^/]+|v2/[^/]+}/os-services")
@Produces(MediaType.APPLICATION_JSON)
public final class ServicesResource {

    static final String BINARY = "nova-compute";

    private final ComputeHosts hosts;

    public ServicesResource(ComputeHosts hosts) {
        this.hosts = hosts;
    }

    @GET
    public Map<String, Object> list(@QueryParam("host") String host, @QueryParam("binary") String binary,
                                    @Context SecurityContext security) {
        List<ComputeHostState> states = hosts.list(CallerSecurityContext.callerOf(security), host);
        List<Map<String, Object>> services = new ArrayList<>();
        if (binary == null || BINARY.equals(binary)) {
            for (int i = 0; i < states.size(); i++) {
                services.add(view(i + 1, states.get(i)));
            }
        }
        return Map.of("services", services);
    }

    private static Map<String, Object> view(int id, ComputeHostState state) {
        ComputeHost host = state.host();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("binary", BINARY);
        view.put("host", host.name());
        view.put("zone", "nova");
        view.put("status", "enabled");
        view.put("state", state.up() ? "up" : "down");
        view.put("updated_at", DateTimeFormatter.ISO_INSTANT.format(host.lastSeen().truncatedTo(ChronoUnit.MICROS)));
        view.put("disabled_reason", null);
        view.put("forced_down", false);
        // serialgate's own: what the host's heartbeat says.
        view.put("driver", host.driver());
        view.put("port_range", host.portRange());
        view.put("free_ports", host.freePorts());
        view.put("max_serial_ports", host.maxSerialPorts());
        return view;
    }
}
