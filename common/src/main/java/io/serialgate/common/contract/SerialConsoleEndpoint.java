package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where serial port {@code port_index} of a server listens: a TCP host and port on its compute host. */
public record SerialConsoleEndpoint(
        @JsonProperty("instance_uuid") String instanceUuid,
        @JsonProperty("port_index") int portIndex,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port) {}
