package io.serialgate.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.common.error.InvalidInputException;
import java.util.Iterator;

/** The body of {@code POST /servers/{id}/action}: exactly one key, the action's name, and its arguments. */
public record ServerAction(String name, JsonNode arguments) {

    public static final String GET_SERIAL_CONSOLE = "os-getSerialConsole";

    public static ServerAction from(JsonNode body) {
        if (body.isMissingNode()) {
            throw new InvalidInputException("missing_body",
                    "The request body must name an action, such as {\"os-getSerialConsole\": {\"type\": \"serial\"}}.");
        }
        RequestBodies.requireObject(body, "The request body");
        Iterator<String> names = body.fieldNames();
        String name = names.hasNext() ? names.next() : null;
        if (name == null || names.hasNext()) {
            throw new InvalidInputException("bad_action", "The request body must name exactly one action.");
        }
        return new ServerAction(name, body.get(name));
    }
}
