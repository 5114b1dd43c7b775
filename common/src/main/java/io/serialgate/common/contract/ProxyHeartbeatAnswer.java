package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * consoleauth's answer to a proxy's heartbeat: the open sessions of this proxy that were revoked
 * (close them, end reason {@code revoked}), and whether the proxy had lost its lease (its sessions
 * were ended as {@code proxy-lost}: close all of them).
 */
public record ProxyHeartbeatAnswer(
        @JsonProperty("revoked_session_ids") List<String> revokedSessionIds,
        @JsonProperty("lease_lost") boolean leaseLost) {

    public ProxyHeartbeatAnswer {
        revokedSessionIds = revokedSessionIds == null ? List.of() : List.copyOf(revokedSessionIds);
    }
}
