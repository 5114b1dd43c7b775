package io.serialgate.api.core;

import io.serialgate.api.db.ServerDao;
import io.serialgate.common.contract.ComputeInstance;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the api's ACTIVE/SHUTOFF record in step with what each compute host says its guests are
 * doing (Nova's power-state sync): a host reboot leaves libvirt guests shut off, and someone may
 * {@code virsh destroy} or {@code virsh start} a guest. Without it, listings would show such a
 * server ACTIVE until someone asked it for a console.
 *
 * <p>One {@code GET /v1/servers} per compute host per run. Each row is written only if it is still
 * as read before the host was asked, so a power action finishing meanwhile keeps its newer answer.
 * A server the host does not list is left alone (deleting it is the user's call, and reconcile's on
 * the host). Runs every {@code api.power_state_sync_seconds} (a {@code PeriodicJob} the application
 * manages), and on demand as the admin task {@code sync-power-states}.
 */
public final class PowerStateSync {

    private static final Logger LOG = LoggerFactory.getLogger(PowerStateSync.class);

    private final ServerDao dao;
    private final ComputeHosts hosts;

    /** What one run did. */
    public record Report(int checked, int changed, int hostsUnreachable) {
        @Override
        public String toString() {
            return "checked=" + checked + " changed=" + changed + " hosts_unreachable=" + hostsUnreachable;
        }
    }

    public PowerStateSync(ServerDao dao, ComputeHosts hosts) {
        this.dao = dao;
        this.hosts = hosts;
    }

    /** One run: asks every compute host that has ACTIVE or SHUTOFF servers, and records what changed. */
    public Report syncOnce() {
        Map<URI, List<Server>> byHost = dao.powerTracked().stream()
                .collect(Collectors.groupingBy(hosts::urlFor, LinkedHashMap::new, Collectors.toList()));
        int checked = 0;
        int changed = 0;
        int unreachable = 0;
        for (List<Server> servers : byHost.values()) {
            Map<String, String> states;
            try {
                states = InternalCalls.call("compute", () -> hosts.clientFor(servers.get(0)).list()).stream()
                        .collect(Collectors.toMap(ComputeInstance::instanceUuid, ComputeInstance::state, (a, b) -> a));
            } catch (RuntimeException e) {
                unreachable++;
                LOG.info("event=power_state_sync_host_unreachable host={} servers={} error={}",
                        servers.get(0).host(), servers.size(), e.getClass().getSimpleName());
                continue;
            }
            for (Server server : servers) {
                String state = states.get(server.id().toString());
                if (state == null) {
                    continue;
                }
                checked++;
                ServerStatus actual = ServerStatus.ofComputeState(state);
                if (actual != server.status()
                        && dao.syncPowerStatus(server.id(), actual.name(), server.status().name(), server.updatedAt()) > 0) {
                    changed++;
                    LOG.warn("event=server_status_synced instance={} project={} status_was={} status={}",
                            server.id(), server.projectId(), server.status(), actual);
                }
            }
        }
        return new Report(checked, changed, unreachable);
    }
}
