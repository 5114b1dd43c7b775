package io.serialgate.client.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.client.ExitCode;
import io.serialgate.client.api.ConsoleSessions;
import io.serialgate.client.api.ServerRef;
import io.serialgate.client.output.Output;
import io.serialgate.client.output.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code console sessions SERVER [--all]}: who is connected to the server's serial ports. */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = "List the console sessions of a server (live ones; --all adds ended ones).",
        footerHeading = "%nExamples:%n",
        footer = {"  serialgate-client console sessions demo", "  serialgate-client console sessions demo --all --format json"})
public class ConsoleSessionsCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "SERVER", description = "Name or id of the server.")
    String server;

    @Option(names = "--all", description = "Include sessions that have ended.")
    boolean all;

    @Override
    public Integer call() {
        ServerRef ref = resolve(server);
        JsonNode sessions = new ConsoleSessions(api(), root().json()).list(ref.id(), all);
        Output output = output();
        if (output.isJson()) {
            output.json(sessions);
        } else {
            output.table(tableOf(sessions));
        }
        return ExitCode.OK;
    }

    /** One column per field the api sends, in its order: the table follows the api as it grows. */
    static Table tableOf(JsonNode sessions) {
        Set<String> fields = new LinkedHashSet<>();
        for (JsonNode session : sessions) {
            for (Iterator<String> names = session.fieldNames(); names.hasNext(); ) {
                fields.add(names.next());
            }
        }
        if (fields.isEmpty()) {
            fields.add("id");
        }
        List<String> columns = new ArrayList<>(fields);
        Table table = Table.of(columns.toArray(String[]::new));
        for (JsonNode session : sessions) {
            table.row(columns.stream().map(c -> Table.cell(session.get(c))).toArray(String[]::new));
        }
        return table;
    }
}
