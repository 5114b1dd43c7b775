package io.serialgate.api.core;

import io.serialgate.common.client.ComputeClient;

/**
 * Where a new server goes: a registered compute host (by name), or the static fallback of
 * {@code internal.compute_url} ({@code host} null: the host names itself when it spawns the server).
 */
public record Placement(String host, ComputeClient compute) {

    public boolean isFallback() {
        return host == null;
    }
}
