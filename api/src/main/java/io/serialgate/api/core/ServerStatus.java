package io.serialgate.api.core;

import java.util.Locale;

/**
 * Nova's server status words, with the vm_state, task_state and power_state each one shows as.
 * Only ACTIVE servers hand out consoles; every other status is 409 (Nova answers 500 for some of
 * them). ACTIVE and SHUTOFF are the two a power action moves between.
 */
public enum ServerStatus {
    BUILD("building", "spawning"),
    ACTIVE("active", null),
    SHUTOFF("stopped", null),
    ERROR("error", null),
    DELETING("active", "deleting"),
    MIGRATING("active", "migrating");

    private final String vmState;
    private final String taskState;

    ServerStatus(String vmState, String taskState) {
        this.vmState = vmState;
        this.taskState = taskState;
    }

    public String vmState() {
        return vmState;
    }

    /** Nova's OS-EXT-STS:task_state, null when no task runs. */
    public String taskState() {
        return taskState;
    }

    /** Nova's OS-EXT-STS:power_state: 1 running, 4 shut down, 0 no state (not spawned, or unknown). */
    public int powerState() {
        return switch (this) {
            case ACTIVE, DELETING, MIGRATING -> 1;
            case SHUTOFF -> 4;
            default -> 0;
        };
    }

    /**
     * The status a compute host's {@code state} word means: only {@code shutoff} is powered off;
     * {@code running}, and {@code error} (powered on, a serial port's listener broken), are ACTIVE.
     */
    public static ServerStatus ofComputeState(String state) {
        return "shutoff".equals(state) ? SHUTOFF : ACTIVE;
    }

    public static ServerStatus parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
