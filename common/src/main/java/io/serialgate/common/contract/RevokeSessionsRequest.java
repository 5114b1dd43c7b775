package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Force disconnect: either {@code session_id}, or {@code instance_uuid} with {@code port_index}
 * (every open session of that serial port, and its unexpired tokens).
 */
public record RevokeSessionsRequest(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("instance_uuid") String instanceUuid,
        @JsonProperty("port_index") Integer portIndex) {}
