package io.serialgate.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.common.error.InvalidInputException;
import java.util.Set;

/**
 * The optional body of {@code get-serial-console}: {"type": "serial", "port": 0}. Both keys are
 * optional; {@code port} is the serial port index (0 when absent).
 */
public record SerialConsoleRequest(int portIndex) {

    public static final String SERIAL = "serial";
    private static final Set<String> KEYS = Set.of("type", "port");

    public static SerialConsoleRequest from(JsonNode body) {
        if (body.isMissingNode()) {
            return new SerialConsoleRequest(0);
        }
        RequestBodies.requireObject(body, "The request body");
        RequestBodies.requireOnlyKeys(body, KEYS, "root");
        requireSerialType(body.get("type"));
        return new SerialConsoleRequest(portIndex(body.get("port")));
    }

    /** The inner object of the {@code os-getSerialConsole} action: Nova's schema, type required. */
    public static SerialConsoleRequest fromAction(JsonNode inner) {
        RequestBodies.requireObject(inner, "'os-getSerialConsole'");
        RequestBodies.requireOnlyKeys(inner, KEYS, "'os-getSerialConsole'");
        if (inner.get("type") == null) {
            throw new InvalidInputException("missing_key", "'type' is a required property.");
        }
        requireSerialType(inner.get("type"));
        return new SerialConsoleRequest(portIndex(inner.get("port")));
    }

    /** Nova's check of a console {@code type}: only {@code serial} is served here. */
    public static void requireSerialType(JsonNode type) {
        if (type == null) {
            return;
        }
        if (!type.isTextual() || !SERIAL.equals(type.asText())) {
            throw new InvalidInputException("bad_console_type", "Invalid console type "
                    + (type.isTextual() ? type.asText() : type.toString()) + ": only 'serial' is supported.");
        }
    }

    public static int portIndex(JsonNode port) {
        if (port == null) {
            return 0;
        }
        if (!port.isIntegralNumber() || !port.canConvertToInt() || port.asInt() < 0) {
            throw new InvalidInputException("bad_port_index", "Invalid input for field/attribute port. "
                    + "The serial port index must be a whole number >= 0, got " + port + ".");
        }
        return port.asInt();
    }
}
