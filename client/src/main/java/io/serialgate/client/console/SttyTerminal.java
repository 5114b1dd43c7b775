package io.serialgate.client.console;

import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controlling terminal, driven with {@code stty} on {@code /dev/tty} (Java has no termios API).
 * The settings found before raw mode are saved with {@code stty -g} and put back by
 * {@link #restore()}, which a shutdown hook also calls so SIGTERM or SIGINT never leave the user's
 * shell in raw mode.
 */
public final class SttyTerminal implements Terminal {

    private static final File TTY = new File("/dev/tty");

    /** The saved {@code stty -g} settings while in raw mode; null otherwise. */
    private final AtomicReference<String> saved = new AtomicReference<>();
    private final Thread restoreOnExit = new Thread(this::restore, "serialgate-terminal-restore");

    private SttyTerminal() {
    }

    /** The terminal behind this process's stdin, or {@link Terminal#none()} if stdin is not one. */
    public static Terminal forStdin() {
        return stdinIsTerminal() ? new SttyTerminal() : Terminal.none();
    }

    private static boolean stdinIsTerminal() {
        try {
            // The JDK 17 cannot ask isatty(0) directly; test(1) can, on the stdin we inherit.
            Process test = new ProcessBuilder("test", "-t", "0")
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return test.waitFor(5, TimeUnit.SECONDS) && test.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean isInteractive() {
        return true;
    }

    @Override
    public void enterRawMode() {
        String settings = stty("-g").strip();
        if (!saved.compareAndSet(null, settings)) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        stty("raw", "-echo");
    }

    @Override
    public void restore() {
        String settings = saved.getAndSet(null);
        if (settings == null) {
            return;
        }
        // An interrupt (Ctrl-C path, a cancelled relay) must not stop the restore itself.
        boolean interrupted = Thread.interrupted();
        try {
            stty(settings);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (Thread.currentThread() != restoreOnExit) {
                try {
                    Runtime.getRuntime().removeShutdownHook(restoreOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is already exiting; the hook is running or has run.
                }
            }
        }
    }

    @Override
    public Optional<WindowSize> size() {
        try {
            String[] rowsColumns = stty("size").strip().split("\\s+");
            if (rowsColumns.length == 2) {
                return Optional.of(new WindowSize(Integer.parseInt(rowsColumns[0]), Integer.parseInt(rowsColumns[1])));
            }
        } catch (RuntimeException e) {
            // Unknown size: callers go without.
        }
        return Optional.empty();
    }

    @Override
    public Watch onResize(java.util.function.Consumer<WindowSize> listener) {
        return WindowChangeSignal.watch(() -> size().ifPresent(listener));
    }

    private static String stty(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("stty");
        command.addAll(List.of(arguments));
        try {
            Process stty = new ProcessBuilder(command)
                    .redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String output = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!stty.waitFor(5, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                throw new ClientFailure(ExitCode.INTERNAL, "cannot set up the terminal: stty " + arguments[0] + " failed");
            }
            return output;
        } catch (IOException e) {
            throw new ClientFailure(ExitCode.INTERNAL, "cannot run stty on /dev/tty: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientFailure(ExitCode.INTERNAL, "interrupted while running stty", e);
        }
    }
}
