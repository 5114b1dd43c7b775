package io.serialgate.serialproxy.relay;

/**
 * What the {@link ConsoleRegistry} needs from an open console websocket (writer or viewer):
 * a periodic tick for keepalive pings and the idle timeout, and a way to end it.
 */
public interface ConsoleEndpoint {

    enum Role { WRITER, VIEWER }

    Role role();

    /** Called about once a second on the registry's timer thread. */
    void tick(long nowNanos);

    /** Ends the console from the proxy's side with this close code and reason; idempotent. */
    void end(int code, String reason);
}
