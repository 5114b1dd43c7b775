package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The last {@code lines} lines of serial port {@code port_index}'s output, as UTF-8 text. */
public record ConsoleLog(
        @JsonProperty("instance_uuid") String instanceUuid,
        @JsonProperty("port_index") int portIndex,
        @JsonProperty("lines") int lines,
        @JsonProperty("output") String output) {}
