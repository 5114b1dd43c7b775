package io.serialgate.compute.core;

/** A validated request to spawn one server. */
public record InstanceSpec(String instanceUuid, String name, int serialPortCount) {}
