package io.serialgate.serialproxy.relay;

/**
 * The websocket close codes and reasons a console ends with. The reason is shown to the user
 * by the terminal page, so it is short and plain.
 */
public final class CloseReasons {
    /** The guest (hypervisor) closed the TCP serial port. */
    public static final int GUEST_CLOSED = 1000;
    public static final String GUEST_CLOSED_TEXT = "guest closed the port";
    /** The serial port could not be reached or failed mid-session. */
    public static final int GUEST_UNREACHABLE = 1011;
    public static final String GUEST_UNREACHABLE_TEXT = "guest serial port unreachable";
    public static final String GUEST_FAILED_TEXT = "guest serial port failed";
    /** The proxy is stopping. */
    public static final int SHUTTING_DOWN = 1001;
    public static final String SHUTTING_DOWN_TEXT = "proxy shutting down";

    private CloseReasons() {}
}
