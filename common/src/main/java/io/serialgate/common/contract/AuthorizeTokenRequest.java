package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Asks consoleauth for a console token bound to one serial port of one server. */
public record AuthorizeTokenRequest(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("instance_uuid") String instanceUuid,
        @JsonProperty("port_index") int portIndex,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("access_url_base") String accessUrlBase) {}
