package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A proxy asks to open a console session with a presented token. {@code role} is
 * {@code writer} (at most one per serial port, across all proxies) or {@code viewer}.
 */
public record OpenSessionRequest(
        @JsonProperty("token") String token,
        @JsonProperty("proxy_id") String proxyId,
        @JsonProperty("client_address") String clientAddress,
        @JsonProperty("user_agent") String userAgent,
        @JsonProperty("role") String role) {

    @Override
    public String toString() {
        return "OpenSessionRequest{token=<redacted>, proxyId=" + proxyId + ", clientAddress=" + clientAddress
                + ", role=" + role + "}";
    }
}
