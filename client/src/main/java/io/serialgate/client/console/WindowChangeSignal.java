package io.serialgate.client.console;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGWINCH, the signal a terminal sends its foreground processes when its window is resized. The
 * JDK has no public API for it; {@code sun.misc.Signal} (module jdk.unsupported) is the supported
 * way in practice. Where the signal does not exist (not a Unix), watching is a no-op.
 */
final class WindowChangeSignal {

    private WindowChangeSignal() {
    }

    /** Runs the action on the JVM's signal thread at each SIGWINCH until the handle is closed. */
    static Terminal.Watch watch(Runnable action) {
        Signal winch;
        try {
            winch = new Signal("WINCH");
        } catch (IllegalArgumentException notOnThisPlatform) {
            return () -> { };
        }
        SignalHandler previous = Signal.handle(winch, signal -> action.run());
        return () -> Signal.handle(winch, previous);
    }
}
