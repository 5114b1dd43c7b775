package io.serialgate.client.console;

import java.util.Optional;

/** Stdin is not a terminal (a pipe, a file, a test): there are no settings to change or restore. */
enum NoTerminal implements Terminal {
    INSTANCE;

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public void enterRawMode() {
    }

    @Override
    public void restore() {
    }

    @Override
    public Optional<WindowSize> size() {
        return Optional.empty();
    }

    @Override
    public Watch onResize(java.util.function.Consumer<WindowSize> listener) {
        return () -> { };
    }
}
