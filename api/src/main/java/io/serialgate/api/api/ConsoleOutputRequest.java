package io.serialgate.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.common.error.InvalidInputException;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The arguments of Nova's {@code os-getConsoleOutput} server action: {"length": N}, how many of the
 * last lines to return. As Nova's schema: an integer or a string of digits, at least -1; absent,
 * null and -1 all mean "everything" (up to the compute host's cap); 0 means no lines at all.
 */
public record ConsoleOutputRequest(OptionalInt length) {

    public static final String ACTION = "os-getConsoleOutput";
    private static final Pattern INTEGER = Pattern.compile("^-?[0-9]+$");

    /** Empty {@code length} means every line the compute host keeps. */
    public static ConsoleOutputRequest from(JsonNode inner) {
        if (inner == null || inner.isNull()) {
            throw new InvalidInputException("wrong_type",
                    "Invalid input for field/attribute " + ACTION + ". It must be a JSON object, such as {\"length\": 50}.");
        }
        RequestBodies.requireObject(inner, "'" + ACTION + "'");
        RequestBodies.requireOnlyKeys(inner, Set.of("length"), "'" + ACTION + "'");
        return new ConsoleOutputRequest(length(inner.get("length")));
    }

    private static OptionalInt length(JsonNode length) {
        if (length == null || length.isNull()) {
            return OptionalInt.empty();
        }
        long value;
        if (length.isIntegralNumber() && length.canConvertToLong()) {
            value = length.asLong();
        } else if (length.isTextual() && INTEGER.matcher(length.asText()).matches() && length.asText().length() <= 10) {
            value = Long.parseLong(length.asText());
        } else {
            throw badLength(length);
        }
        if (value < -1 || value > Integer.MAX_VALUE) {
            throw badLength(length);
        }
        return value == -1 ? OptionalInt.empty() : OptionalInt.of((int) value);
    }

    private static InvalidInputException badLength(JsonNode length) {
        return new InvalidInputException("bad_length", "Invalid input for field/attribute length. "
                + "It must be a whole number >= -1 (-1 or null: the whole log), got " + length + ".");
    }
}
