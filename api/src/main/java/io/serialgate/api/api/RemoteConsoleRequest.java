package io.serialgate.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.common.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /servers/{id}/remote-consoles} (microversion 2.6+):
 * {"remote_console": {"protocol": "serial", "type": "serial", "port": 0}}. Nova's schema, plus
 * what Nova gets wrong: a protocol and type that do not belong together are refused (400).
 */
public record RemoteConsoleRequest(int portIndex) {

    private static final Set<String> KEYS = Set.of("protocol", "type", "port");
    /** Each protocol with the console types it can carry (Nova's enums, 2.6–2.8). */
    private static final Map<String, List<String>> TYPES = Map.of(
            "vnc", List.of("novnc", "xvpvnc"),
            "spice", List.of("spice-html5"),
            "rdp", List.of("rdp-html5"),
            "serial", List.of("serial"),
            "mks", List.of("webmks"));

    public static RemoteConsoleRequest from(JsonNode body) {
        JsonNode console = RequestBodies.requireWrapped(body, "remote_console");
        RequestBodies.requireOnlyKeys(body, Set.of("remote_console"), "root");
        RequestBodies.requireOnlyKeys(console, KEYS, "'remote_console'");
        String protocol = requiredEnum(console, "protocol", TYPES.keySet());
        String type = requiredEnum(console, "type", TYPES.values().stream().flatMap(List::stream).toList());
        if (!TYPES.get(protocol).contains(type)) {
            throw new InvalidInputException("console_type_mismatch", "Console type " + type
                    + " cannot be used with protocol " + protocol + "; protocol " + protocol + " takes type "
                    + String.join(" or ", TYPES.get(protocol)) + ".");
        }
        if (!SerialConsoleRequest.SERIAL.equals(protocol)) {
            throw new InvalidInputException("console_type_unavailable", "Unavailable console type " + type + ".");
        }
        return new RemoteConsoleRequest(SerialConsoleRequest.portIndex(console.get("port")));
    }

    private static String requiredEnum(JsonNode object, String key, java.util.Collection<String> allowed) {
        JsonNode value = object.get(key);
        if (value == null) {
            throw new InvalidInputException("missing_key", "'" + key + "' is a required property.");
        }
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            throw new InvalidInputException("bad_enum", "Invalid input for field/attribute " + key + ". Value: "
                    + (value.isTextual() ? value.asText() : value.toString()) + ". It is not one of "
                    + allowed.stream().sorted().toList() + ".");
        }
        return value.asText();
    }
}
