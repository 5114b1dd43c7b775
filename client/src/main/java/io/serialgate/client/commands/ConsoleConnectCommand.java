package io.serialgate.client.commands;

import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import io.serialgate.client.api.ApiClient;
import io.serialgate.client.api.SerialConsoles;
import io.serialgate.client.api.ServerRef;
import io.serialgate.client.console.CloseCodes;
import io.serialgate.client.console.ConsoleConnector;
import io.serialgate.client.console.ConsoleRelay;
import io.serialgate.client.console.ConsoleUrls;
import io.serialgate.client.console.Ending;
import io.serialgate.client.console.GuestWindowSize;
import io.serialgate.client.console.Terminal;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.WebSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code console connect SERVER}: attaches this terminal to a serial port, like
 * {@code virsh console}. Stdin that is a terminal is switched to raw mode for the session and
 * restored however it ends; piped stdin is relayed as is (scripts and tests).
 */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        description = {
            "Attach this terminal to a serial port of a server. Ctrl-] detaches.",
            "With stdin from a pipe, the console closes once the input ends and the guest is quiet.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  serialgate-client console connect demo",
            "  serialgate-client console connect demo --view",
            "  printf 'uname\\r' | serialgate-client console connect demo --port 1",
        })
public class ConsoleConnectCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "SERVER", description = "Name or id of the server.")
    String server;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Which serial port, counting from 0 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--view", description = "Watch only: join a console someone else may be using; keys are not sent.")
    boolean view;

    @Option(names = "--sync-size", description = "Tell the guest this terminal's size, on connect and whenever the "
            + "window is resized, by typing 'stty rows R cols C' into it: use at a shell prompt. "
            + "A serial line has no other way to carry it.")
    boolean syncSize;

    @Override
    public Integer call() {
        GetSerialConsoleCommand.requireValidPort(port);
        ServerRef ref = resolve(server);
        ApiClient api = api();
        URI consoleUrl = new SerialConsoles(api, root().json()).urlFor(ref.id(), port);
        if (view) {
            consoleUrl = ConsoleUrls.withQueryParameter(consoleUrl, "mode", "view");
        }
        PrintStream err = context().stderr();
        ConsoleRelay relay = new ConsoleRelay(context().stdout(), view);
        WebSocket webSocket = new ConsoleConnector(api.http(), root().json(), root().debug() ? err : null).open(consoleUrl, relay);

        Terminal terminal = context().terminal().get();
        Ending ending;
        try {
            terminal.enterRawMode();
            // Said once raw mode is on, so a line typed after reading it goes to the guest as typed;
            // a raw terminal needs the carriage return spelled out.
            err.print("Connected to " + ref.label() + " serial port " + port + (view ? " (view only)" : "")
                    + ". Escape character is ^]"
                    + (terminal.isInteractive() ? "\r\n" : "\n"));
            err.flush();
            try (Terminal.Watch sizeSync = syncGuestSize(terminal, relay, err)) {
                ending = relay.relay(webSocket, context().stdin());
            }
        } catch (RuntimeException e) {
            webSocket.abort();
            throw e;
        } finally {
            terminal.restore();
        }
        return report(ending, ref, err);
    }

    /** With --sync-size on a terminal: the size now, then every change, typed into the guest. */
    private Terminal.Watch syncGuestSize(Terminal terminal, ConsoleRelay relay, PrintStream err) {
        if (!syncSize || view) {
            return () -> { };
        }
        if (!terminal.isInteractive()) {
            err.println("--sync-size ignored: stdin is not a terminal");
            return () -> { };
        }
        GuestWindowSize guest = new GuestWindowSize(relay);
        // Watch first, then send the size now: a resize in between is then never missed.
        Terminal.Watch watch = terminal.onResize(guest::update);
        terminal.size().ifPresent(guest::update);
        return watch;
    }

    private int report(Ending ending, ServerRef ref, PrintStream err) {
        String console = ref.label() + " serial port " + port;
        if (ending instanceof Ending.Detached) {
            err.println();
            err.println("Detached from " + console + ".");
            return ExitCode.OK;
        }
        if (ending instanceof Ending.InputEnded) {
            err.println("Input ended; closed the console of " + console + ".");
            return ExitCode.OK;
        }
        if (ending instanceof Ending.ClosedByProxy closed) {
            String reason = CloseCodes.reason(closed.code(), closed.reason());
            String message = "the console proxy closed " + console + ": " + reason + " (close code " + closed.code() + ")";
            int code = CloseCodes.exitCode(closed.code());
            if (code != ExitCode.OK) {
                throw new ClientFailure(code, message);
            }
            err.println();
            err.println("Connection closed: " + reason + ".");
            return ExitCode.OK;
        }
        Throwable cause = ((Ending.ConnectionLost) ending).cause();
        throw ClientFailure.network("lost the connection to " + console + ": "
                + (cause == null || cause.getMessage() == null ? "connection broken" : cause.getMessage()), cause);
    }
}
