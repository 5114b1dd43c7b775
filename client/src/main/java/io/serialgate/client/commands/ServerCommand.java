package io.serialgate.client.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code server list|show|create|delete|start|stop|reboot}. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = "List, show, create, delete, start, stop and reboot servers.",
        subcommands = {
            ServerListCommand.class,
            ServerShowCommand.class,
            ServerCreateCommand.class,
            ServerDeleteCommand.class,
            ServerStartCommand.class,
            ServerStopCommand.class,
            ServerRebootCommand.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {"  serialgate-client server list", "  serialgate-client server show demo --format json"})
public class ServerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand: list, show, create, delete, start, stop or reboot");
    }
}
