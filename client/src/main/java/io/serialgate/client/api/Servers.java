package io.serialgate.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serialgate.client.ClientFailure;
import java.util.Map;

/** The servers collection of the public API ({@code /v2.1/servers}). */
public final class Servers {

    public static final String PATH = "/v2.1/servers";

    private final ApiClient api;
    private final ObjectMapper json;

    public Servers(ApiClient api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    /** Every server of the caller's tenant, with details (status, created, ...). */
    public JsonNode listDetailed() {
        return arrayOf(api.get(PATH + "/detail"), "servers");
    }

    public JsonNode show(String id) {
        return objectOf(api.get(PATH + "/" + ApiClient.encode(id)), "server");
    }

    /** Creates a server; the answer (202) holds at least its id. */
    public JsonNode create(String name, Map<String, String> imageProperties) {
        ObjectNode body = json.createObjectNode();
        ObjectNode server = body.putObject("server");
        server.put("name", name);
        ObjectNode properties = server.putObject("image_properties");
        imageProperties.forEach(properties::put);
        return objectOf(api.post(PATH, body), "server");
    }

    public void delete(String id) {
        api.delete(PATH + "/" + ApiClient.encode(id));
    }

    /** Nova's {@code os-start}; done when answered (202). */
    public void start(String id) {
        action(id, json.createObjectNode().putNull("os-start"));
    }

    /** Nova's {@code os-stop}; done when answered (202). */
    public void stop(String id) {
        action(id, json.createObjectNode().putNull("os-stop"));
    }

    /** Nova's {@code reboot}, {@code HARD} or {@code SOFT}; done when answered (202). */
    public void reboot(String id, boolean hard) {
        ObjectNode body = json.createObjectNode();
        body.putObject("reboot").put("type", hard ? "HARD" : "SOFT");
        action(id, body);
    }

    private void action(String id, ObjectNode body) {
        api.post(PATH + "/" + ApiClient.encode(id) + "/action", body);
    }

    static JsonNode objectOf(JsonNode answer, String key) {
        JsonNode value = answer.path(key);
        if (!value.isObject()) {
            throw ClientFailure.serverError("the api's answer has no \"" + key + "\" object");
        }
        return value;
    }

    static JsonNode arrayOf(JsonNode answer, String key) {
        JsonNode value = answer.path(key);
        if (!value.isArray()) {
            throw ClientFailure.serverError("the api's answer has no \"" + key + "\" list");
        }
        return value;
    }
}
