package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The open sessions a revoke marked; their proxies close them within a heartbeat. */
public record RevokedSessions(@JsonProperty("session_ids") List<String> sessionIds) {

    public RevokedSessions {
        sessionIds = sessionIds == null ? List.of() : List.copyOf(sessionIds);
    }
}
