package io.serialgate.common.contract;

/**
 * The compute service's console-log endpoint (Nova's "get console output"): the last lines a
 * server wrote on one serial port, kept by the hypervisor even while nobody was attached.
 * Requires the service credential like the rest of {@link ComputeContract}.
 */
public final class ComputeConsoleLogContract {
    /** GET {@code ?lines=N} → {@link ConsoleLog}. */
    public static final String CONSOLE_LOG = "/v1/servers/{instance_uuid}/serial-consoles/{port_index}/log";
    /** Query parameter: how many of the last lines to return. */
    public static final String LINES = "lines";
    public static final int DEFAULT_LINES = 100;
    public static final int MAX_LINES = 10_000;

    private ComputeConsoleLogContract() {}
}
