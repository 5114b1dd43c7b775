package io.serialgate.api.core;

import io.serialgate.common.client.ComputeClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link ComputeClient} per compute host URL, made on first use and kept (each holds an HTTP client). */
public class ComputeClients {

    private final String secret;
    private final Duration timeout;
    private final Map<URI, ComputeClient> clients = new ConcurrentHashMap<>();

    public ComputeClients(String secret, Duration timeout) {
        this.secret = secret;
        this.timeout = timeout;
    }

    public ComputeClient forUrl(URI url) {
        return clients.computeIfAbsent(url, u -> new ComputeClient(u, secret, timeout));
    }
}
