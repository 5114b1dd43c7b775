package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A server as its compute host sees it. */
public record ComputeInstance(
        @JsonProperty("instance_uuid") String instanceUuid,
        @JsonProperty("name") String name,
        @JsonProperty("host") String host,
        @JsonProperty("driver") String driver,
        @JsonProperty("serial_port_count") int serialPortCount,
        @JsonProperty("state") String state) {}
