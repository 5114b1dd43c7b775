package io.serialgate.compute.db;

/** One row of {@code compute.servers}. */
public record ServerRow(String instanceUuid, String name, String host, String driver, int serialPortCount) {}
