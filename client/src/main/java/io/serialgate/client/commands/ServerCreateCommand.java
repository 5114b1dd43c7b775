package io.serialgate.client.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import io.serialgate.client.api.Servers;
import io.serialgate.client.output.Output;
import io.serialgate.client.output.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code server create NAME}: boots a server, optionally with several serial ports. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create (boot) a server.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  serialgate-client server create demo",
            "  serialgate-client server create demo --serial-ports 2",
            "  serialgate-client server create demo --property hw_serial_port_count=4",
        })
public class ServerCreateCommand extends ClientCommand {

    static final String SERIAL_PORT_COUNT = "hw_serial_port_count";

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new server.")
    String name;

    @Option(names = "--serial-ports", paramLabel = "N",
            description = "Number of serial ports (sets the image property " + SERIAL_PORT_COUNT + ").")
    Integer serialPorts;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "An image property for the server, e.g. " + SERIAL_PORT_COUNT + "=2 (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if (name.isBlank()) {
            throw ClientFailure.usage("NAME must not be empty");
        }
        Map<String, String> imageProperties = new LinkedHashMap<>(properties);
        if (serialPorts != null) {
            if (serialPorts < 1) {
                throw ClientFailure.usage("--serial-ports must be 1 or more, got " + serialPorts);
            }
            imageProperties.put(SERIAL_PORT_COUNT, String.valueOf(serialPorts));
        }
        Servers servers = new Servers(api(), root().json());
        JsonNode created = servers.create(name, imageProperties);
        // The 202 answer holds little more than the id (as in Nova); show what the server is now.
        JsonNode shown = details(servers, created);
        Output output = output();
        if (output.isJson()) {
            output.json(shown);
        } else {
            output.table(Table.properties(shown));
        }
        return ExitCode.OK;
    }

    private JsonNode details(Servers servers, JsonNode created) {
        String id = created.path("id").asText("");
        if (id.isEmpty()) {
            throw ClientFailure.serverError("the api created the server but did not answer its id");
        }
        try {
            return servers.show(id);
        } catch (ClientFailure e) {
            ObjectNode fallback = ((ObjectNode) created).deepCopy();
            if (!fallback.has("name")) {
                fallback.put("name", name);
            }
            return fallback;
        }
    }
}
