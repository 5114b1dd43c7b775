package io.serialgate.client.commands;

import io.serialgate.client.api.Servers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code server reboot [--hard] SERVER...}: Nova's reboot, SOFT unless {@code --hard}. */
@Command(
        name = "reboot",
        mixinStandardHelpOptions = true,
        description = {"Reboot servers. A soft reboot needs a running server; --hard also starts a stopped one.",
            "Consoles open on the server see the guest restart (their serial ports stay where they are)."},
        footerHeading = "%nExamples:%n",
        footer = {"  serialgate-client server reboot demo", "  serialgate-client server reboot --hard demo"})
public class ServerRebootCommand extends ServerPowerCommand {

    @Option(names = "--hard", description = "Hard reboot (power cycle) instead of a soft one.")
    boolean hard;

    @Override
    protected void apply(Servers api, String id) {
        api.reboot(id, hard);
    }

    @Override
    protected String done() {
        return hard ? "hard rebooted" : "rebooted";
    }
}
