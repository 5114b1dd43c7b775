package io.serialgate.api.core;

import io.serialgate.api.api.PowerActionRequest.Kind;
import io.serialgate.api.db.ServerDao;
import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.contract.ComputeActionsContract;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.NotFoundException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's power actions (start, stop, soft and hard reboot), carried out by the server's compute
 * host, and the api's record of each server's power status kept in step with what that host
 * reports.
 *
 * <p>The compute host is the truth: a guest can stop without the api (a host reboot leaves libvirt
 * guests shut off, someone ran {@code virsh destroy}). So an action the api's record allows is
 * always asked of the host, and when the host refuses it for the guest's state, the api takes the
 * host's state into its record before answering 409, so the user's next step works.
 */
public final class ServerPower {

    private static final Logger LOG = LoggerFactory.getLogger(ServerPower.class);
    private static final Set<ServerStatus> POWER_STATES = Set.of(ServerStatus.ACTIVE, ServerStatus.SHUTOFF);

    private final Servers servers;
    private final ServerDao dao;

    public ServerPower(Servers servers, ServerDao dao) {
        this.servers = servers;
        this.dao = dao;
    }

    /** Carries out {@code kind} on the server (Nova answers 202); 409 when its state forbids it. */
    public void act(ProjectScope scope, String serverId, Kind kind) {
        Server server = servers.get(scope, serverId);
        // A soft reboot asks a running guest to restart itself; a stopped one has nothing to ask.
        boolean allowed = kind == Kind.SOFT_REBOOT ? server.status() == ServerStatus.ACTIVE
                : POWER_STATES.contains(server.status());
        if (!allowed) {
            throw server.status().forbidsAction(kind.word(), server.id());
        }
        ComputeClient compute = servers.computeOf(server);
        String instance = server.id().toString();
        ComputeInstance after;
        try {
            after = InternalCalls.call("compute", () -> compute.act(instance, computeAction(kind)));
        } catch (ConflictException e) {
            // The host says the guest is not in the state the api recorded: take its word for it.
            ServerStatus actual = refresh(server);
            throw actual.forbidsAction(kind.word(), server.id());
        } catch (NotFoundException e) {
            LOG.warn("event=server_missing_on_compute instance={} host={} action={}", instance, server.host(), kind);
            throw new ConflictException("instance_not_on_host", "Instance " + instance + " is not on its compute host "
                    + "any more; delete it and create it again.");
        }
        ServerStatus now = ServerStatus.ofComputeState(after.state());
        dao.setPowerStatus(server.id(), now.name());
        LOG.info("event=server_power_action instance={} project={} action={} status={}",
                instance, server.projectId(), kind.name().toLowerCase(), now);
    }

    /**
     * The compute host found the server's guest shut off while the api thought it ran (a console
     * was asked for): records SHUTOFF, so listings and the next request tell the truth.
     */
    public void foundStopped(Server server) {
        if (dao.setPowerStatus(server.id(), ServerStatus.SHUTOFF.name()) > 0 && server.status() != ServerStatus.SHUTOFF) {
            LOG.warn("event=server_found_stopped instance={} project={} status_was={}",
                    server.id(), server.projectId(), server.status());
        }
    }

    /** Asks the host for the server's state and records it; the api's record when the host cannot say. */
    private ServerStatus refresh(Server server) {
        try {
            ComputeInstance shown = InternalCalls.call("compute", () -> servers.computeOf(server).show(server.id().toString()));
            ServerStatus actual = ServerStatus.ofComputeState(shown.state());
            if (actual != server.status() && dao.setPowerStatus(server.id(), actual.name()) > 0) {
                LOG.warn("event=server_status_synced instance={} status_was={} status={}", server.id(), server.status(), actual);
            }
            return actual;
        } catch (RuntimeException e) {
            return server.status();
        }
    }

    private static String computeAction(Kind kind) {
        return switch (kind) {
            case START -> ComputeActionsContract.START;
            case STOP -> ComputeActionsContract.STOP;
            // compute-driver reboots hard (the guest is stopped and started again), which is also
            // what a soft reboot comes to for a guest that ignores ACPI, as the test guest does.
            case SOFT_REBOOT, HARD_REBOOT -> ComputeActionsContract.REBOOT;
        };
    }
}
