package io.serialgate.compute.db;

/** One row of {@code compute.servers}. */
public record ServerRow(String instanceUuid, String name, String host, String driver, int serialPortCount,
                        String powerState) {

    public static final String RUNNING = "running";
    public static final String SHUTOFF = "shutoff";

    public boolean isRunning() {
        return RUNNING.equals(powerState);
    }
}
