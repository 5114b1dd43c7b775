package io.serialgate.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the message out of a Nova fault body: one top-level key naming the fault
 * ({@code itemNotFound}, {@code badRequest}, {@code conflictingRequest}, ...) whose value holds
 * {@code code} and {@code message}. Anything else (a proxy's HTML page, an empty body) gets a
 * generic sentence, so the user always sees one readable line.
 */
public final class NovaFault {

    private static final int MAX_RAW_BODY = 200;

    private NovaFault() {
    }

    /** A one-line message for an error answer with this status and body. */
    public static String message(ObjectMapper json, int status, byte[] body) {
        String fromFault = faultMessage(json, body);
        if (fromFault != null) {
            return oneLine(fromFault);
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        if (raw.isEmpty() || raw.startsWith("<")) {
            return "the server answered HTTP " + status + " with no error message";
        }
        if (raw.length() > MAX_RAW_BODY) {
            raw = raw.substring(0, MAX_RAW_BODY) + "...";
        }
        return "the server answered HTTP " + status + ": " + oneLine(raw);
    }

    private static String faultMessage(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            JsonNode fault = fields.next().getValue();
            JsonNode message = fault.path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return message.asText();
            }
        }
        // Our internal services' shape, {"error": {"message": ...}}, is read by the same loop.
        return null;
    }

    /** Newlines in a message would break the one-line rule of stderr. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
