package io.serialgate.client.commands;

import io.serialgate.client.api.Servers;
import picocli.CommandLine.Command;

/** {@code server stop SERVER...}: Nova's os-stop. */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = "Stop (power off) servers; their serial consoles close.",
        footerHeading = "%nExample:%n",
        footer = "  serialgate-client server stop demo")
public class ServerStopCommand extends ServerPowerCommand {

    @Override
    protected void apply(Servers api, String id) {
        api.stop(id);
    }

    @Override
    protected String done() {
        return "stopped";
    }
}
