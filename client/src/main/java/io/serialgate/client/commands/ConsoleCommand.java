package io.serialgate.client.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code console connect}: serial consoles in the local terminal. */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description = "Use, list, disconnect and read the serial consoles of a server.",
        subcommands = {
            ConsoleConnectCommand.class,
            ConsoleSessionsCommand.class,
            ConsoleDisconnectCommand.class,
            ConsoleLogCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  serialgate-client console connect demo --port 1",
            "  serialgate-client console sessions demo",
            "  serialgate-client console disconnect demo --port 1",
            "  serialgate-client console log demo --lines 20",
        })
public class ConsoleCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand: connect, sessions, disconnect or log");
    }
}
