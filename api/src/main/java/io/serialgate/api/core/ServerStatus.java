package io.serialgate.api.core;

import java.util.Locale;

/** Nova's server status words, with the vm_state each one shows as. */
public enum ServerStatus {
    BUILD("building"),
    ACTIVE("active"),
    ERROR("error"),
    DELETING("active");

    private final String vmState;

    ServerStatus(String vmState) {
        this.vmState = vmState;
    }

    public String vmState() {
        return vmState;
    }

    public static ServerStatus parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
