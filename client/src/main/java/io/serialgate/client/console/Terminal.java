package io.serialgate.client.console;

import java.util.Optional;

/**
 * The local terminal {@code console connect} runs in. Raw mode hands every key (Ctrl-C included)
 * to the guest; {@link #restore()} must bring back the settings found before, and is safe to call
 * any number of times from any thread (the finally block and the shutdown hook both call it).
 */
public interface Terminal {

    /** Whether stdin is a terminal; when false the client relays plain pipes and never runs stty. */
    boolean isInteractive();

    /** Saves the current settings and switches to raw mode without echo. */
    void enterRawMode();

    /** Puts back the settings saved by {@link #enterRawMode()}; does nothing if not in raw mode. */
    void restore();

    /** The terminal's size now, if it can be read. */
    Optional<WindowSize> size();

    /**
     * Calls the listener with the new size each time the window is resized (SIGWINCH), from a
     * signal-handling thread, until the returned handle is closed.
     */
    Watch onResize(java.util.function.Consumer<WindowSize> listener);

    /** A registration that ends when closed. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Rows and columns of a terminal window. */
    record WindowSize(int rows, int columns) {
    }

    /** The terminal of a process whose stdin is a pipe or a file: nothing to switch or restore. */
    static Terminal none() {
        return NoTerminal.INSTANCE;
    }
}
