package io.serialgate.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.common.contract.ComputeHostHeartbeat;
import io.serialgate.common.error.InvalidInputException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** Reads a {@link ComputeHostHeartbeat} strictly: every key required, none unknown, values in range. */
public final class HeartbeatRequest {

    private static final int MAX_TEXT = 255;
    private static final Set<String> KEYS = Set.of("host", "url", "driver", "port_range", "free_ports", "max_serial_ports");

    private HeartbeatRequest() {}

    public static ComputeHostHeartbeat from(JsonNode body) {
        if (body.isMissingNode()) {
            throw new InvalidInputException("missing_body", "The request body must be a compute host heartbeat.");
        }
        RequestBodies.requireObject(body, "The request body");
        RequestBodies.requireOnlyKeys(body, KEYS, "root");
        return new ComputeHostHeartbeat(
                text(body, "host"),
                url(text(body, "url")),
                text(body, "driver"),
                text(body, "port_range"),
                count(body, "free_ports", 0),
                count(body, "max_serial_ports", 1));
    }

    private static String text(JsonNode body, String key) {
        JsonNode value = required(body, key);
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_TEXT) {
            throw new InvalidInputException("wrong_type", key + ": must be a string of 1 to " + MAX_TEXT
                    + " characters, got " + shorten(value) + ".");
        }
        return value.asText();
    }

    private static int count(JsonNode body, String key, int min) {
        JsonNode value = required(body, key);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min) {
            throw new InvalidInputException("wrong_type", key + ": must be a whole number >= " + min
                    + ", got " + shorten(value) + ".");
        }
        return value.asInt();
    }

    private static String url(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null && List.of("http", "https").contains(uri.getScheme())) {
                return url;
            }
        } catch (Exception e) {
            // answered below
        }
        throw new InvalidInputException("bad_url", "url: must be an absolute http(s) URL, got '" + url + "'.");
    }

    private static JsonNode required(JsonNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null) {
            throw new InvalidInputException("missing_key", "'" + key + "' is a required property.");
        }
        return value;
    }

    private static String shorten(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
