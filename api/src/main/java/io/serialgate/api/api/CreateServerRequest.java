package io.serialgate.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.common.error.InvalidInputException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /servers}: {"server": {"name": "...", "image_properties": {"hw_serial_port_count": "2"},
 * "host": "compute-1"}}. {@code host} (admin only, as Nova 2.74) names the compute host; absent, the
 * api chooses. Nova's imageRef, flavorRef, networks and metadata are accepted so Nova clients can
 * boot, and ignored.
 */
public record CreateServerRequest(String name, Map<String, String> imageProperties, String host) {

    static final int MAX_NAME_LENGTH = 255;
    private static final Set<String> TOP_KEYS = Set.of("server", "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints");
    private static final Set<String> SERVER_KEYS = Set.of(
            "name", "image_properties", "host", "imageRef", "flavorRef", "networks", "metadata");

    public static CreateServerRequest from(JsonNode body) {
        JsonNode server = RequestBodies.requireWrapped(body, "server");
        RequestBodies.requireOnlyKeys(body, TOP_KEYS, "root");
        RequestBodies.requireOnlyKeys(server, SERVER_KEYS, "'server'");
        return new CreateServerRequest(name(server.get("name")), imageProperties(server.get("image_properties")),
                host(server.get("host")));
    }

    private static String host(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("bad_host", "Invalid input for field/attribute host. The host must be"
                    + " a compute host name of 1 to " + MAX_NAME_LENGTH + " characters, got " + node + ".");
        }
        return node.asText();
    }

    private static String name(JsonNode node) {
        if (node == null) {
            throw new InvalidInputException("missing_key", "'name' is a required property.");
        }
        if (!node.isTextual()) {
            throw new InvalidInputException("wrong_type", "Invalid input for field/attribute name. "
                    + node + " is not of type 'string'.");
        }
        String name = node.asText();
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || !name.strip().equals(name)) {
            throw new InvalidInputException("bad_name", "Invalid input for field/attribute name. The name must have"
                    + " 1 to " + MAX_NAME_LENGTH + " characters without leading or trailing whitespace.");
        }
        return name;
    }

    private static Map<String, String> imageProperties(JsonNode node) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return properties;
        }
        RequestBodies.requireObject(node, "'image_properties'");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            // Glance image properties are strings; numbers and booleans are taken as their text.
            if (!value.isValueNode() || value.isNull()) {
                throw new InvalidInputException("wrong_type", "Invalid input for field/attribute image_properties."
                        + field.getKey() + ". Value must be a string, number or boolean.");
            }
            properties.put(field.getKey(), value.asText());
        }
        return properties;
    }
}
