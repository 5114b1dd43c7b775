package io.serialgate.serialproxy.sessions;

import io.serialgate.serialproxy.relay.ConsoleEndpoint;

/**
 * The consoleauth session of one console websocket: lets the tracker find the websocket when
 * the session is revoked, and reports the end exactly once.
 */
public interface ConsoleSessionHandle {

    /** A handle for consoles without a consoleauth session (unit tests of the relay). */
    ConsoleSessionHandle NONE = new ConsoleSessionHandle() {
        @Override
        public String sessionId() {
            return "none";
        }

        @Override
        public void attach(ConsoleEndpoint endpoint) {}

        @Override
        public void ended(String closedBy, int code, String reason) {}
    };

    String sessionId();

    /** The websocket is open: from now on a revocation closes it. */
    void attach(ConsoleEndpoint endpoint);

    /** The websocket ended; the first call reports the end reason to consoleauth, later calls do nothing. */
    void ended(String closedBy, int code, String reason);
}
