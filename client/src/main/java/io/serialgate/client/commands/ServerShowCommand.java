package io.serialgate.client.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.client.ExitCode;
import io.serialgate.client.api.ServerRef;
import io.serialgate.client.api.Servers;
import io.serialgate.client.output.Output;
import io.serialgate.client.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code server show SERVER}: every field of one server, like {@code nova show}. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show the details of a server.",
        footerHeading = "%nExample:%n",
        footer = "  serialgate-client server show demo")
public class ServerShowCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "SERVER", description = "Name or id of the server.")
    String server;

    @Override
    public Integer call() {
        ServerRef ref = resolve(server);
        JsonNode details = new Servers(api(), root().json()).show(ref.id());
        Output output = output();
        if (output.isJson()) {
            output.json(details);
        } else {
            output.table(Table.properties(details));
        }
        return ExitCode.OK;
    }
}
