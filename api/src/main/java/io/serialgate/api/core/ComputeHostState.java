package io.serialgate.api.core;

/** A registered compute host and whether it is up: heard from within {@code api.compute_host_timeout_seconds}. */
public record ComputeHostState(ComputeHost host, boolean up) {}
