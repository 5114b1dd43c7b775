package io.serialgate.client.commands;

import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import io.serialgate.client.api.SerialConsoles;
import io.serialgate.client.api.ServerRef;
import io.serialgate.client.output.Output;
import io.serialgate.client.output.Table;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get-serial-console SERVER [CONSOLE_TYPE]}: the console URL of one serial port, as {@code nova get-serial-console}. */
@Command(
        name = "get-serial-console",
        mixinStandardHelpOptions = true,
        description = "Get a URL (with a short-lived token) for a serial console of a server.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  serialgate-client get-serial-console demo",
            "  serialgate-client get-serial-console demo serial --port 1 --format json",
        })
public class GetSerialConsoleCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "SERVER", description = "Name or id of the server.")
    String server;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CONSOLE_TYPE",
            description = "Type of console; only 'serial' exists (default: serial).")
    String positionalType;

    @Option(names = "--type", paramLabel = "CONSOLE_TYPE", description = "Same as the CONSOLE_TYPE argument.")
    String optionType;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Which serial port of the server, counting from 0 (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        String type = consoleType(positionalType, optionType);
        requireValidPort(port);
        ServerRef ref = resolve(server);
        URI url = new SerialConsoles(api(), root().json()).urlFor(ref.id(), port);
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> console = new LinkedHashMap<>();
            console.put("type", type);
            console.put("url", url.toString());
            output.json(Map.of("serial_console", console));
        } else {
            output.table(Table.of("Type", "Url").row(type, url.toString()));
        }
        return ExitCode.OK;
    }

    /** The console type asked for: serial when none is given, a usage error for anything else. */
    static String consoleType(String positional, String option) {
        if (positional != null && option != null && !positional.equals(option)) {
            throw ClientFailure.usage("console type given twice, as '" + positional + "' and --type '" + option + "'");
        }
        String type = positional != null ? positional : option;
        if (type == null) {
            return SerialConsoles.TYPE;
        }
        if (!SerialConsoles.TYPE.equals(type.strip())) {
            throw ClientFailure.usage("unsupported console type '" + type + "': serialgate serves only 'serial' consoles");
        }
        return SerialConsoles.TYPE;
    }

    static void requireValidPort(int port) {
        if (port < 0) {
            throw ClientFailure.usage("--port must be 0 or more (serial ports count from 0), got " + port);
        }
    }
}
