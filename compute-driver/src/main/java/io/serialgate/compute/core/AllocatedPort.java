package io.serialgate.compute.core;

/** Serial port {@code portIndex} of a server listens on TCP {@code port} of its compute host. */
public record AllocatedPort(int portIndex, int port) {}
