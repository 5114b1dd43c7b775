package io.serialgate.compute.core;

import io.dropwizard.lifecycle.Managed;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.ConsoleLog;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.error.NotImplementedException;
import java.util.List;

/**
 * What a hypervisor backend does for serialgate: run servers whose serial ports are TCP sockets
 * on this compute host. Implementations throw the {@code io.serialgate.common.error} exceptions
 * (NotFound for an unknown server or port, Conflict for a duplicate, Unavailable when the backend
 * or the port range cannot serve). {@link #start()} brings back what a previous process left
 * running; {@link #stop()} leaves servers defined (a restart must not lose them).
 */
public interface ComputeDriver extends Managed {

    /** The name configured as {@code compute.driver}. */
    String name();

    /** Creates and starts a server with {@code spec.serialPortCount()} serial ports. */
    ComputeInstance spawn(InstanceSpec spec);

    /** Stops and removes a server and releases its serial ports. */
    void destroy(String instanceUuid);

    /** Every server of this driver on this host. */
    List<ComputeInstance> list();

    /** One server; NotFound when this host does not run it. */
    ComputeInstance show(String instanceUuid);

    /** Where serial port {@code portIndex} of a server listens; NotFound when out of range. */
    SerialConsoleEndpoint serialConsole(String instanceUuid, int portIndex);

    /**
     * Reboots, stops, starts or rebuilds a server; returns it in its new state. Every serial port
     * keeps its TCP port (only {@link #destroy} releases ports). Conflict when the server's state
     * forbids the action (stop a stopped server, start a running one); NotImplemented for drivers
     * that do not control power.
     */
    default ComputeInstance act(String instanceUuid, ServerAction action) {
        throw new NotImplementedException("action_unsupported",
                "The " + name() + " driver cannot " + action.word() + " servers.");
    }

    /**
     * The last {@code lines} lines serial port {@code portIndex} printed, kept while nobody was
     * attached. NotImplemented for drivers that keep no log.
     */
    default ConsoleLog consoleLog(String instanceUuid, int portIndex, int lines) {
        throw new NotImplementedException("console_log_unsupported",
                "The " + name() + " driver keeps no console log.");
    }
}
