package io.serialgate.compute.core;

import java.util.Map;

/**
 * A validated request to spawn one server. {@code imageProperties} are passed on for drivers that
 * read more than the port count (the external driver's {@code serial_endpoints}).
 */
public record InstanceSpec(String instanceUuid, String name, int serialPortCount, Map<String, String> imageProperties) {

    public InstanceSpec {
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
    }

    public InstanceSpec(String instanceUuid, String name, int serialPortCount) {
        this(instanceUuid, name, serialPortCount, Map.of());
    }
}
