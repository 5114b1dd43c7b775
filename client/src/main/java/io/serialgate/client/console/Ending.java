package io.serialgate.client.console;

/** How a console connection ended. */
public sealed interface Ending {

    /** The user typed the escape character (Ctrl-]). */
    record Detached() implements Ending {
    }

    /** Stdin reached its end (a pipe ran dry) and the guest's output went quiet. */
    record InputEnded() implements Ending {
    }

    /** The console proxy closed the websocket with this code and reason. */
    record ClosedByProxy(int code, String reason) implements Ending {
    }

    /** The connection broke without a close frame. */
    record ConnectionLost(Throwable cause) implements Ending {
    }
}
