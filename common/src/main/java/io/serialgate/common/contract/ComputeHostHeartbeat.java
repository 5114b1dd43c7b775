package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A compute host saying it is alive: its name, where its internal REST API answers, its driver,
 * its port_range and how many ports of it are still free.
 */
public record ComputeHostHeartbeat(
        @JsonProperty("host") String host,
        @JsonProperty("url") String url,
        @JsonProperty("driver") String driver,
        @JsonProperty("port_range") String portRange,
        @JsonProperty("free_ports") int freePorts,
        @JsonProperty("max_serial_ports") int maxSerialPorts) {}
