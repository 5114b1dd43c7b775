package io.serialgate.api.core;

import io.serialgate.api.auth.Caller;
import io.serialgate.api.db.ComputeHostDao;
import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.client.ComputeClients;
import io.serialgate.common.contract.ComputeHostHeartbeat;
import io.serialgate.common.error.ForbiddenException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.UnavailableException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compute host registry: hosts announce themselves by heartbeat, new servers are placed on a
 * host heard from within {@code api.compute_host_timeout_seconds}, and every later call about a
 * server goes to the URL of the host it was placed on.
 *
 * <p>Static fallback: while no heartbeat has ever been received, {@code internal.compute_url} is
 * the one compute host (an all-in-one deployment whose compute service does not send heartbeats).
 * A server whose host is not in the registry is also served there. Once any host has sent a
 * heartbeat, placement uses the registry only, and "no host up" is 503.
 */
public class ComputeHosts {

    private static final Logger LOG = LoggerFactory.getLogger(ComputeHosts.class);

    private final ComputeHostDao dao;
    private final ComputeClients clients;
    private final URI fallbackUrl;
    private final int timeoutSeconds;

    public ComputeHosts(ComputeHostDao dao, ComputeClients clients, URI fallbackUrl, int timeoutSeconds) {
        this.dao = dao;
        this.clients = clients;
        this.fallbackUrl = fallbackUrl;
        this.timeoutSeconds = timeoutSeconds;
    }

    public void heartbeat(ComputeHostHeartbeat beat) {
        boolean news = dao.heartbeat(beat.host(), beat.url(), beat.driver(), beat.portRange(),
                beat.freePorts(), beat.maxSerialPorts());
        if (news) {
            LOG.info("event=compute_host_registered host={} url={} driver={} port_range={} max_serial_ports={}",
                    beat.host(), beat.url(), beat.driver(), beat.portRange(), beat.maxSerialPorts());
        }
    }

    /**
     * Chooses the host for a new server with {@code ports} serial ports. Only an admin may name
     * the host (as Nova's forced host); an unknown name is 400, a host that is down or full 503.
     */
    public Placement place(Caller caller, String requestedHost, int ports) {
        if (requestedHost != null) {
            return placeOnNamedHost(caller, requestedHost, ports);
        }
        List<ComputeHost> candidates = dao.upWithRoomFor(ports, timeoutSeconds);
        if (!candidates.isEmpty()) {
            return reserve(candidates.get(0), ports);
        }
        if (dao.countAll() == 0) {
            return new Placement(null, clients.forUrl(fallbackUrl));
        }
        if (dao.countUp(timeoutSeconds) == 0) {
            throw noValidHost("no compute host is up.");
        }
        throw noValidHost("no compute host that is up has " + ports + " free serial port" + (ports == 1 ? "" : "s") + ".");
    }

    /** Registered hosts (or the one named), each with whether it is up: admins only, as Nova's os-services. */
    public List<ComputeHostState> list(Caller caller, String host) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("policy_not_allowed",
                    "Policy doesn't allow os_compute_api:os-services:list to be performed.");
        }
        return dao.states(host, timeoutSeconds);
    }

    /** The client of the host a server was placed on; the static fallback for hosts never registered. */
    public ComputeClient clientFor(Server server) {
        return clients.forUrl(urlFor(server));
    }

    /** The internal URL of the compute-driver serving a server: its host's, or the static fallback. */
    public URI urlFor(Server server) {
        return server.hostUrl() == null ? fallbackUrl : server.hostUrl();
    }

    private Placement placeOnNamedHost(Caller caller, String name, int ports) {
        if (!caller.isAdmin()) {
            // Nova's policy words for the same refusal.
            throw new ForbiddenException("forced_host_not_allowed",
                    "Policy doesn't allow compute:servers:create:forced_host to be performed.");
        }
        ComputeHost host = dao.find(name).orElseThrow(() -> new InvalidInputException("compute_host_unknown",
                "Compute host " + name + " could not be found."));
        if (!dao.isUp(name, timeoutSeconds).orElse(false)) {
            throw noValidHost("compute host " + name + " is not up (last heard from at " + host.lastSeen() + ").");
        }
        if (host.maxSerialPorts() < ports || host.freePorts() < ports) {
            throw noValidHost("compute host " + name + " has " + host.freePorts() + " free serial ports, "
                    + ports + " asked for.");
        }
        return reserve(host, ports);
    }

    private Placement reserve(ComputeHost host, int ports) {
        dao.reserve(host.name(), ports);
        return new Placement(host.name(), clients.forUrl(host.url()));
    }

    private static UnavailableException noValidHost(String why) {
        return new UnavailableException("no_valid_host", "No valid host was found: " + why);
    }
}
