package io.serialgate.client.commands;

import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import io.serialgate.client.api.ConsoleSessions;
import io.serialgate.client.api.ServerRef;
import io.serialgate.client.output.Output;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code console log SERVER [--lines N]}: recent console output, like {@code nova console-log}. */
@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description = "Print the recent console output of a server.",
        footerHeading = "%nExample:%n",
        footer = "  serialgate-client console log demo --lines 50")
public class ConsoleLogCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "SERVER", description = "Name or id of the server.")
    String server;

    @Option(names = {"--lines", "--length"}, paramLabel = "N", description = "Only the last N lines (default: all that is kept).")
    Integer lines;

    @Override
    public Integer call() {
        if (lines != null && lines < 1) {
            throw ClientFailure.usage("--lines must be 1 or more, got " + lines);
        }
        ServerRef ref = resolve(server);
        String log = new ConsoleSessions(api(), root().json()).output(ref.id(), lines);
        Output output = output();
        if (output.isJson()) {
            output.json(Map.of("output", log));
        } else {
            output.text(log.isEmpty() || log.endsWith("\n") ? log : log + "\n");
        }
        return ExitCode.OK;
    }
}
