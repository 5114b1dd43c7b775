package io.serialgate.client.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.client.ExitCode;
import io.serialgate.client.api.Servers;
import io.serialgate.client.output.Output;
import io.serialgate.client.output.Table;
import picocli.CommandLine.Command;

/** {@code server list}: the caller's servers, like {@code nova list}. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List your servers.",
        footerHeading = "%nExample:%n",
        footer = "  serialgate-client server list --format json")
public class ServerListCommand extends ClientCommand {

    @Override
    public Integer call() {
        JsonNode servers = new Servers(api(), root().json()).listDetailed();
        Output output = output();
        if (output.isJson()) {
            output.json(servers);
            return ExitCode.OK;
        }
        Table table = Table.of("ID", "Name", "Status", "Created");
        for (JsonNode server : servers) {
            table.row(Table.cell(server.path("id")), Table.cell(server.path("name")),
                    Table.cell(server.path("status")), Table.cell(server.path("created")));
        }
        output.table(table);
        return ExitCode.OK;
    }
}
