package io.serialgate.common.contract;

/**
 * The compute service's server actions (Nova's {@code POST /servers/{id}/action} for power and
 * rebuild). Body: a JSON object with exactly one of the action words as its key, e.g.
 * {@code {"reboot": {}}}. Answer: 200 {@link ComputeInstance} in its new state. A server keeps
 * the TCP port of every serial port through each of them (console URLs handed out stay valid);
 * only DELETE of the server releases its ports. Requires the service credential like the rest of
 * {@link ComputeContract}.
 */
public final class ComputeActionsContract {
    /** POST {@code {"<action>": {}}} → 200 {@link ComputeInstance}; 409 when the server's state forbids it. */
    public static final String SERVER_ACTION = "/v1/servers/{instance_uuid}/action";

    /** Hard reboot: the guest is stopped and started again (a stopped server is started). */
    public static final String REBOOT = "reboot";
    /** Power off; 409 when already stopped. */
    public static final String STOP = "stop";
    /** Power on; 409 when already running. */
    public static final String START = "start";
    /** Recreate the guest from its definition; the server stays in the power state it was in. */
    public static final String REBUILD = "rebuild";

    private ComputeActionsContract() {}
}
