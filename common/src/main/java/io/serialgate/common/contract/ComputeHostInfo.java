package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A compute host: its name, its driver and the port_range its serial ports come from. */
public record ComputeHostInfo(
        @JsonProperty("host") String host,
        @JsonProperty("driver") String driver,
        @JsonProperty("port_range") String portRange) {}
