package io.serialgate.client.commands;

import io.serialgate.client.ExitCode;
import io.serialgate.client.api.ServerRef;
import io.serialgate.client.api.Servers;
import io.serialgate.client.output.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code server delete SERVER...}: deletes servers (their serial ports are released). */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete one or more servers.",
        footerHeading = "%nExample:%n",
        footer = "  serialgate-client server delete demo")
public class ServerDeleteCommand extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "SERVER", description = "Name or id of a server.")
    List<String> servers;

    @Override
    public Integer call() {
        Servers api = new Servers(api(), root().json());
        Output output = output();
        List<Map<String, String>> deleted = new ArrayList<>();
        // Stops at the first failure, so the exit code says what went wrong with that server;
        // the ones before it are reported as deleted.
        try {
            for (String server : servers) {
                ServerRef ref = resolve(server);
                api.delete(ref.id());
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("id", ref.id());
                entry.put("name", ref.name());
                deleted.add(entry);
                if (!output.isJson()) {
                    output.message("Request to delete server " + ref.label() + " (" + ref.id() + ") has been accepted.");
                }
            }
        } catch (RuntimeException e) {
            if (output.isJson() && !deleted.isEmpty()) {
                output.json(Map.of("deleted", deleted));
            }
            throw e;
        }
        if (output.isJson()) {
            output.json(Map.of("deleted", deleted));
        }
        return ExitCode.OK;
    }
}
