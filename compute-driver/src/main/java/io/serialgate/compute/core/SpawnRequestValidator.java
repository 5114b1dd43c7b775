package io.serialgate.compute.core;

import io.serialgate.common.contract.SpawnRequest;
import io.serialgate.common.error.InvalidInputException;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a {@link SpawnRequest} into an {@link InstanceSpec} or says, in one sentence naming the
 * field, what is wrong with it. The number of serial ports comes from the image property
 * {@code hw_serial_port_count} (Nova's name; {@code serial_ports} is accepted as an alias).
 */
public final class SpawnRequestValidator {

    public static final String PORT_COUNT_PROPERTY = "hw_serial_port_count";
    public static final String PORT_COUNT_ALIAS = "serial_ports";
    static final int MAX_NAME_LENGTH = 255;

    private final int maxSerialPorts;

    public SpawnRequestValidator(int maxSerialPorts) {
        this.maxSerialPorts = maxSerialPorts;
    }

    public InstanceSpec validate(SpawnRequest request) {
        if (request == null) {
            throw new InvalidInputException("The request body must be a JSON object with instance_uuid and name.");
        }
        String uuid = canonicalUuid(request.instanceUuid());
        String name = request.name();
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name must be a non-empty string.");
        }
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(
                    "name must be at most " + MAX_NAME_LENGTH + " characters without control characters.");
        }
        return new InstanceSpec(uuid, name, serialPortCount(request.imageProperties()), request.imageProperties());
    }

    /** The number of serial ports the image asks for, between 1 and {@code compute.max_serial_ports}. */
    public int serialPortCount(Map<String, String> imageProperties) {
        String property = imageProperties.containsKey(PORT_COUNT_PROPERTY) ? PORT_COUNT_PROPERTY
                : imageProperties.containsKey(PORT_COUNT_ALIAS) ? PORT_COUNT_ALIAS : null;
        if (property == null) {
            return 1;
        }
        String value = imageProperties.get(property);
        int count;
        try {
            count = Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("invalid_image_property",
                    "Image property " + property + " must be a whole number, got '" + value + "'.");
        }
        if (count < 1 || count > maxSerialPorts) {
            throw new InvalidInputException("invalid_image_property", "Image property " + property
                    + " must be between 1 and " + maxSerialPorts + ", got " + count + ".");
        }
        return count;
    }

    private static String canonicalUuid(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("instance_uuid is required.");
        }
        try {
            UUID uuid = UUID.fromString(text.trim());
            String canonical = uuid.toString();
            // UUID.fromString accepts odd shapes such as "1-1-1-1-1"; insist on the usual one.
            if (!canonical.equalsIgnoreCase(text.trim())) {
                throw new IllegalArgumentException();
            }
            return canonical;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("instance_uuid must be a UUID, got '" + abbreviate(text) + "'.");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
