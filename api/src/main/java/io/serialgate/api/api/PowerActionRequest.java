package io.serialgate.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.serialgate.common.error.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/**
 * Nova's power actions on {@code POST /servers/{id}/action}, read with Nova's schemas:
 * {@code {"os-start": null}}, {@code {"os-stop": null}} (an empty object is taken too) and
 * {@code {"reboot": {"type": "HARD" | "SOFT"}}}, type required, in any of Nova's three spellings.
 */
public record PowerActionRequest(Kind kind) {

    public static final String START = "os-start";
    public static final String STOP = "os-stop";
    public static final String REBOOT = "reboot";

    /** What the action does; the word is Nova's name of it in a state conflict ("Cannot 'start' ..."). */
    public enum Kind {
        START("start"), STOP("stop"), SOFT_REBOOT("reboot"), HARD_REBOOT("reboot");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    private static final Set<String> REBOOT_TYPES = Set.of("HARD", "Hard", "hard", "SOFT", "Soft", "soft");

    /** True for the action names this request reads. */
    public static boolean names(String action) {
        return START.equals(action) || STOP.equals(action) || REBOOT.equals(action);
    }

    public static PowerActionRequest from(String action, JsonNode inner) {
        return switch (action) {
            case START -> new PowerActionRequest(noArguments(action, inner, Kind.START));
            case STOP -> new PowerActionRequest(noArguments(action, inner, Kind.STOP));
            case REBOOT -> new PowerActionRequest(reboot(inner));
            default -> throw new IllegalArgumentException("not a power action: " + action);
        };
    }

    private static Kind noArguments(String action, JsonNode inner, Kind kind) {
        if (inner == null || inner.isNull() || inner.isObject() && inner.isEmpty()) {
            return kind;
        }
        throw new InvalidInputException("bad_action_arguments", "Invalid input for field/attribute " + action
                + ". Value: " + inner + ". The action takes no arguments: send {\"" + action + "\": null}.");
    }

    private static Kind reboot(JsonNode inner) {
        RequestBodies.requireObject(inner, "'" + REBOOT + "'");
        RequestBodies.requireOnlyKeys(inner, Set.of("type"), "'" + REBOOT + "'");
        JsonNode type = inner.get("type");
        if (type == null) {
            throw new InvalidInputException("bad_reboot_type",
                    "Invalid input for field/attribute reboot. 'type' is a required property: HARD or SOFT.");
        }
        if (!type.isTextual() || !REBOOT_TYPES.contains(type.asText())) {
            throw new InvalidInputException("bad_reboot_type", "Invalid input for field/attribute type. Value: "
                    + type + ". It is not one of HARD, SOFT (or Hard, hard, Soft, soft).");
        }
        return type.asText().toUpperCase(Locale.ROOT).equals("HARD") ? Kind.HARD_REBOOT : Kind.SOFT_REBOOT;
    }
}
