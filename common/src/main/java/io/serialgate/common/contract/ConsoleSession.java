package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One websocket connection to one serial port, as consoleauth records it for audit.
 * {@code end_reason} is one of client-closed, guest-closed, revoked, idle-timeout, token-expired,
 * proxy-shutdown, proxy-lost; null while the session is open.
 */
public record ConsoleSession(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("instance_uuid") String instanceUuid,
        @JsonProperty("port_index") int portIndex,
        @JsonProperty("proxy_id") String proxyId,
        @JsonProperty("client_address") String clientAddress,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("role") String role,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("last_seen_at") Instant lastSeenAt,
        @JsonProperty("ended_at") Instant endedAt,
        @JsonProperty("end_reason") String endReason,
        @JsonProperty("revoked_at") Instant revokedAt) {}
