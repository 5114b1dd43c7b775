package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Asks a compute host to create and start a server. {@code image_properties} carries
 * {@code hw_serial_port_count} (alias {@code serial_ports}) among others.
 */
public record SpawnRequest(
        @JsonProperty("instance_uuid") String instanceUuid,
        @JsonProperty("name") String name,
        @JsonProperty("image_properties") Map<String, String> imageProperties) {

    public SpawnRequest {
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
    }
}
