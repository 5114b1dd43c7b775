package io.serialgate.api.core;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A server as the api stores it: who owns it, where it runs and how many serial ports it has. */
public record Server(
        UUID id,
        String projectId,
        String name,
        ServerStatus status,
        String host,
        int serialPortCount,
        Map<String, String> imageProperties,
        String fault,
        Instant createdAt,
        Instant updatedAt) {

    public Server {
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
    }
}
