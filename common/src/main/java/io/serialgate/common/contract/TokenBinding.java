package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** What a valid token grants: one serial port of one server, reachable at host:port, until expiry. */
public record TokenBinding(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("instance_uuid") String instanceUuid,
        @JsonProperty("port_index") int portIndex,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("expires_at") Instant expiresAt) {}
