package io.serialgate.api.core;

import io.serialgate.common.error.ConflictException;
import java.util.Locale;
import java.util.UUID;

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

    /**
     * Nova's 409 for an operation this status forbids:
     * "Instance X in vm_state stopped (status SHUTOFF). Cannot get_serial_console while the instance is in this state."
     */
    public ConflictException forbids(String operation, UUID serverId) {
        return new ConflictException("instance_invalid_state", "Instance " + serverId + " in vm_state " + vmState
                + " (status " + this + "). Cannot " + operation + " while the instance is in this state.");
    }

    /** Nova's 409 for a server action this status forbids: "Cannot 'start' instance X while it is in vm_state active". */
    public ConflictException forbidsAction(String action, UUID serverId) {
        return new ConflictException("instance_invalid_state", "Cannot '" + action + "' instance " + serverId
                + " while it is in vm_state " + vmState + " (status " + this + ").");
    }

    public static ServerStatus parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
