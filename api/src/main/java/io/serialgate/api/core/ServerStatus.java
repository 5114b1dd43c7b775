package io.serialgate.api.core;

import java.util.Locale;

/**
 * Nova's server status words, with the vm_state and task_state each one shows as. Only ACTIVE
 * servers hand out consoles; every other status is 409 (Nova answers 500 for some of them).
 */
public enum ServerStatus {
    BUILD("building", "spawning"),
    ACTIVE("active", null),
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

    public static ServerStatus parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
