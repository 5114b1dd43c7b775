package io.serialgate.api.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.serialgate.api.errors.RequestTooLargeException;
import io.serialgate.common.error.InvalidInputException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads request bodies strictly, as Nova's JSON schemas do: well-formed JSON only, no duplicate
 * keys, no trailing garbage, and (via {@link #requireOnlyKeys}) no keys the endpoint does not know.
 */
public final class RequestBodies {

    /** Nova's default max request body size is 112 KiB; nothing serialgate accepts comes close. */
    public static final int MAX_BODY_CHARS = 112 * 1024;

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestBodies() {}

    /** The parsed body, or {@link MissingNode} when the request had none. */
    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new RequestTooLargeException("Request is too large: the body may be at most "
                    + MAX_BODY_CHARS + " characters, got " + body.length() + ".");
        }
        try {
            return STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed_json", "Malformed request body: "
                    + e.getOriginalMessage().lines().findFirst().orElse("not valid JSON") + ".");
        }
    }

    /** The object under {@code key} of a required JSON object body such as {"server": {...}}. */
    public static JsonNode requireWrapped(JsonNode body, String key) {
        if (body.isMissingNode()) {
            throw new InvalidInputException("missing_body", "The request body must be a JSON object with '" + key + "'.");
        }
        requireObject(body, "The request body");
        JsonNode inner = body.get(key);
        if (inner == null) {
            throw new InvalidInputException("missing_key", "'" + key + "' is a required property.");
        }
        requireObject(inner, "'" + key + "'");
        return inner;
    }

    public static void requireObject(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new InvalidInputException("wrong_type", what + " must be a JSON object, got "
                    + node.getNodeType().name().toLowerCase() + ".");
        }
    }

    /** Rejects keys outside {@code allowed}, naming them as Nova's schema errors do. */
    public static void requireOnlyKeys(JsonNode object, Set<String> allowed, String where) {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown_keys", "Invalid input for field/attribute " + where
                    + ". Additional properties are not allowed (" + String.join(", ", unknown) + " "
                    + (unknown.size() == 1 ? "was" : "were") + " unexpected).");
        }
    }
}
