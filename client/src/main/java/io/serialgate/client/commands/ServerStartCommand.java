package io.serialgate.client.commands;

import io.serialgate.client.api.Servers;
import picocli.CommandLine.Command;

/** {@code server start SERVER...}: Nova's os-start. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = "Start (power on) stopped servers.",
        footerHeading = "%nExample:%n",
        footer = "  serialgate-client server start demo")
public class ServerStartCommand extends ServerPowerCommand {

    @Override
    protected void apply(Servers api, String id) {
        api.start(id);
    }

    @Override
    protected String done() {
        return "started";
    }
}
