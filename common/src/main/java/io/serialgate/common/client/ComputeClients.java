package io.serialgate.common.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ComputeClient} per compute-driver URL, made on first use and kept (each holds a pool of
 * HTTP connections): the api talks to every compute host, consoleauth re-checks tokens at each.
 */
public final class ComputeClients {

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
