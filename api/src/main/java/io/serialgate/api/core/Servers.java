package io.serialgate.api.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.api.api.CreateServerRequest;
import io.serialgate.api.auth.Caller;
import io.serialgate.api.db.ServerDao;
import io.serialgate.common.db.SingleRowQuery;
import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.SpawnRequest;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.SerialgateException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, finds, lists and deletes servers, keeping api.servers and the compute host in step. */
public final class Servers {

    private static final Logger LOG = LoggerFactory.getLogger(Servers.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PORT_COUNT = "hw_serial_port_count";
    static final String PORT_COUNT_ALIAS = "serial_ports";

    private final ServerDao dao;
    private final SingleRowQuery<Server> byId;
    private final ComputeHosts hosts;
    private final FailedSpawnCleanup failedSpawns;

    /** {@code byId} runs {@link ServerDao#FIND_BY_ID}, the lookup every console request makes. */
    public Servers(ServerDao dao, SingleRowQuery<Server> byId, ComputeHosts hosts, FailedSpawnCleanup failedSpawns) {
        this.dao = dao;
        this.byId = byId;
        this.hosts = hosts;
        this.failedSpawns = failedSpawns;
    }

    /**
     * Places the server on a compute host (503 when none is up; 403/400 for a host a member may
     * not name or that does not exist), stores it, then asks that host to spawn it. A request the
     * compute host calls invalid is the caller's mistake (400, nothing kept); any other spawn
     * failure leaves the server in ERROR with the reason as its fault, as Nova does, and has the
     * host destroy whatever it may have made of it (the host may have died or timed out after
     * spawning it), retried in the background until the host confirms.
     */
    public Server create(Caller caller, ProjectScope scope, CreateServerRequest request) {
        int requestedPorts = requestedPortCount(request.imageProperties());
        Placement placement = hosts.place(caller, request.host(), requestedPorts);
        UUID id = UUID.randomUUID();
        dao.insert(id, scope.owningProject(), request.name(), ServerStatus.BUILD.name(), requestedPorts,
                toJson(request.imageProperties()));
        try {
            ComputeInstance instance = InternalCalls.call("compute", () -> placement.compute().spawn(
                    new SpawnRequest(id.toString(), request.name(), request.imageProperties())));
            // A registered host is known by its registry name (its URL is looked up by it); the
            // fallback host by the name it gives itself.
            String host = placement.isFallback() ? instance.host() : placement.host();
            dao.update(id, ServerStatus.ACTIVE.name(), host, instance.serialPortCount(), null);
            LOG.info("event=server_spawned instance={} project={} host={} serial_ports={}",
                    id, scope.owningProject(), host, instance.serialPortCount());
        } catch (InvalidInputException e) {
            dao.delete(id);
            throw e;
        } catch (SerialgateException e) {
            dao.update(id, ServerStatus.ERROR.name(), placement.host(), requestedPorts, e.getMessage());
            LOG.warn("event=server_spawn_failed instance={} project={} status={} reason={}",
                    id, scope.owningProject(), e.status(), e.reason());
            failedSpawns.destroy(placement.compute(), id);
        }
        return byId.find(id).orElseThrow();
    }

    /** The client of the compute host the server runs on. */
    public ComputeClient computeOf(Server server) {
        return hosts.clientFor(server);
    }

    /** The internal URL of that compute-driver (consoleauth re-checks console endpoints there). */
    public URI computeUrlOf(Server server) {
        return hosts.urlFor(server);
    }

    public List<Server> list(ProjectScope scope, String name) {
        return dao.list(scope.visibleProject(), name);
    }

    /** The server, if it exists and the scope may see it; 404 alike for unknown and foreign ones. */
    public Server get(ProjectScope scope, String serverId) {
        UUID id = parseId(serverId);
        return byId.find(id).filter(scope::sees).orElseThrow(() -> notFound(serverId));
    }

    /**
     * Destroys the server on its compute host, then forgets it, whatever its status. A server in
     * ERROR is no exception: its spawn may have failed after the compute host allocated ports and
     * defined a domain (the host died or the call timed out mid-spawn), and only the host can
     * tell. A compute host that does not know the server (404) has nothing to clean; one that
     * cannot be reached keeps the server (503) so its serial ports are not leaked, and the delete
     * can be retried once the host is back.
     */
    public void delete(ProjectScope scope, String serverId) {
        Server server = get(scope, serverId);
        ComputeClient compute = hosts.clientFor(server);
        try {
            InternalCalls.run("compute", () -> compute.destroy(server.id().toString()));
        } catch (NotFoundException e) {
            LOG.info("event=server_already_gone_on_compute instance={} status={}", server.id(), server.status());
        }
        dao.delete(server.id());
        LOG.info("event=server_deleted instance={} project={} status_was={}", server.id(), server.projectId(), server.status());
    }

    static NotFoundException notFound(String serverId) {
        return new NotFoundException("server_not_found", "Instance " + serverId + " could not be found.");
    }

    private static UUID parseId(String serverId) {
        try {
            UUID id = UUID.fromString(serverId);
            // UUID.fromString accepts short forms such as 1-2-3-4-5; Nova ids are canonical.
            if (!id.toString().equalsIgnoreCase(serverId)) {
                throw notFound(serverId);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw notFound(serverId);
        }
    }

    private static int requestedPortCount(Map<String, String> properties) {
        String value = properties.getOrDefault(PORT_COUNT, properties.get(PORT_COUNT_ALIAS));
        if (value == null) {
            return 1;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException("bad_serial_port_count", "Number of serial ports specified in"
                + " image property " + PORT_COUNT + " is invalid: must be a whole number >= 1, got '" + value + "'.");
    }

    private static String toJson(Map<String, String> properties) {
        try {
            return JSON.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
