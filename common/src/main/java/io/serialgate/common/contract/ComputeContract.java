package io.serialgate.common.contract;

/** Paths of the compute service's internal REST API (all require the service credential). */
public final class ComputeContract {
    /** GET → list of {@link ComputeInstance}; POST {@link SpawnRequest} → 201 {@link ComputeInstance}. */
    public static final String SERVERS = "/v1/servers";
    /** GET → {@link ComputeInstance}; DELETE → 204 (releases the server's serial ports). */
    public static final String SERVER = "/v1/servers/{instance_uuid}";
    /**
     * GET → {@link SerialConsoleEndpoint} of serial port {@code port_index}; 409
     * {@link #SERVER_NOT_RUNNING} while the server is shut off (nothing listens on its ports then).
     */
    public static final String SERIAL_CONSOLE = "/v1/servers/{instance_uuid}/serial-consoles/{port_index}";
    /** The error reason of a console asked of a server that is not running. */
    public static final String SERVER_NOT_RUNNING = "server_not_running";
    /** GET → {@link ComputeHostInfo}. */
    public static final String HOST = "/v1/host";

    private ComputeContract() {}
}
