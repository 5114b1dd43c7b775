package io.serialgate.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serialgate.client.ClientFailure;
import java.net.URI;

/** Asks the api for the URL of one serial port's console ({@code get-serial-console}). */
public final class SerialConsoles {

    public static final String TYPE = "serial";

    private final ApiClient api;
    private final ObjectMapper json;

    public SerialConsoles(ApiClient api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    /** The console URL (carrying a fresh token) of serial port {@code port} of the server. */
    public URI urlFor(String serverId, int port) {
        ObjectNode body = json.createObjectNode();
        body.put("type", TYPE);
        body.put("port", port);
        JsonNode console = Servers.objectOf(
                api.post("/v3/servers/" + ApiClient.encode(serverId) + "/get-serial-console", body), "serial_console");
        String url = console.path("url").asText("");
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw ClientFailure.serverError("the api answered a console URL that is not a URL");
    }
}
