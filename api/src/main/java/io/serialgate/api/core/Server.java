package io.serialgate.api.core;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A server as the api stores it: who owns it, where it runs and how many serial ports it has.
 * {@code hostUrl} is the internal URL of its compute host when that host is registered, null
 * when it runs on the static fallback host ({@code internal.compute_url}) or was never placed.
 */
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
        Instant updatedAt,
        URI hostUrl) {

    public Server {
        imageProperties = imageProperties == null ? Map.of() : Map.copyOf(imageProperties);
    }
}
