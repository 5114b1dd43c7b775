package io.serialgate.compute.core;

import io.serialgate.common.contract.ComputeContract;
import io.serialgate.common.error.ConflictException;

/** Errors every driver answers alike, so the api and consoleauth can act on their reason. */
public final class ComputeErrors {

    private ComputeErrors() {}

    /** A console asked of a server that is shut off: nothing listens on its serial ports until it starts. */
    public static ConflictException notRunning(String instanceUuid) {
        return new ConflictException(ComputeContract.SERVER_NOT_RUNNING, "Server " + instanceUuid
                + " is not running: its serial ports listen only while it runs. Start it, then ask again.");
    }
}
