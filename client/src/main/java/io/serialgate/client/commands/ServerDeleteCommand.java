package io.serialgate.client.commands;

import io.serialgate.client.api.ServerRef;
import io.serialgate.client.api.Servers;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code server delete SERVER...}: deletes servers (their serial ports are released). */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete one or more servers.",
        footerHeading = "%nExample:%n",
        footer = "  serialgate-client server delete demo")
public class ServerDeleteCommand extends EachServerCommand {

    @Override
    protected Map<String, String> actOn(Servers api, ServerRef ref) {
        api.delete(ref.id());
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("id", ref.id());
        entry.put("name", ref.name());
        return entry;
    }

    @Override
    protected String sentence(ServerRef ref, Map<String, String> done) {
        return "Request to delete server " + ref.label() + " (" + ref.id() + ") has been accepted.";
    }

    @Override
    protected String jsonKey() {
        return "deleted";
    }
}
