package io.serialgate.client.commands;

import io.serialgate.client.ExitCode;
import io.serialgate.client.api.ServerRef;
import io.serialgate.client.api.Servers;
import io.serialgate.client.output.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Parameters;

/**
 * A command that acts on each server named, in order ({@code server delete|start|stop|reboot}):
 * one sentence per server as it is done, or one JSON object listing them. It stops at the first
 * failure, so the exit code says what went wrong with that server; the ones before it are reported.
 */
public abstract class EachServerCommand extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "SERVER", description = "Name or id of a server.")
    List<String> servers;

    /** Acts on one server; answers what JSON output lists for it (id and name at least). */
    protected abstract Map<String, String> actOn(Servers api, ServerRef ref);

    /** The sentence the table format prints once {@code ref} is done. */
    protected abstract String sentence(ServerRef ref, Map<String, String> done);

    /** The key of the JSON list: {@code {"<key>": [...]}}. */
    protected abstract String jsonKey();

    @Override
    public Integer call() {
        Servers api = new Servers(api(), root().json());
        Output output = output();
        List<Map<String, String>> done = new ArrayList<>();
        try {
            for (String server : servers) {
                ServerRef ref = resolve(server);
                Map<String, String> entry = actOn(api, ref);
                done.add(entry);
                if (!output.isJson()) {
                    output.message(sentence(ref, entry));
                }
            }
        } catch (RuntimeException e) {
            if (output.isJson() && !done.isEmpty()) {
                output.json(Map.of(jsonKey(), done));
            }
            throw e;
        }
        if (output.isJson()) {
            output.json(Map.of(jsonKey(), done));
        }
        return ExitCode.OK;
    }
}
