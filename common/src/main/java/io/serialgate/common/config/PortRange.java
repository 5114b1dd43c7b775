package io.serialgate.common.config;

/** An inclusive range of TCP ports, written {@code MIN:MAX} as in Nova's {@code port_range}. */
public record PortRange(int min, int max) {

    public PortRange {
        if (min < 1 || max > 65535) {
            throw new IllegalArgumentException("ports must lie in 1-65535, got " + min + ":" + max);
        }
        if (min > max) {
            throw new IllegalArgumentException("MIN must not exceed MAX, got " + min + ":" + max);
        }
    }

    /** Parses {@code MIN:MAX}; the message of the exception says what is wrong with the text. */
    public static PortRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("must be MIN:MAX, got an empty value");
        }
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("must be MIN:MAX, got '" + text + "'");
        }
        try {
            return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be MIN:MAX with whole numbers, got '" + text + "'");
        }
    }

    public int size() {
        return max - min + 1;
    }

    public boolean contains(int port) {
        return port >= min && port <= max;
    }

    @Override
    public String toString() {
        return min + ":" + max;
    }
}
