package io.serialgate.api.core;

import java.net.URI;
import java.time.Instant;

/** A compute host as its last heartbeat described it. */
public record ComputeHost(
        String name,
        URI url,
        String driver,
        String portRange,
        int freePorts,
        int maxSerialPorts,
        Instant firstSeen,
        Instant lastSeen) {}
