package io.serialgate.compute.core.external;

import io.serialgate.common.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** A serial console that already exists as a TCP endpoint (ser2net, a terminal server, socat). */
public record ExternalEndpoint(String host, int port) {

    /** The image property listing a server's endpoints, serial port 0 first. */
    public static final String PROPERTY = "serial_endpoints";

    /**
     * Parses {@code host:port[,host:port...]}; IPv6 literals in brackets ({@code [fd00::5]:7001}).
     * Throws InvalidInputException naming the property and the bad entry.
     */
    public static List<ExternalEndpoint> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("invalid_image_property", "Image property " + PROPERTY
                    + " is required by the external driver: host:port[,host:port...].");
        }
        List<ExternalEndpoint> endpoints = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            endpoints.add(parse(entry.trim()));
        }
        return endpoints;
    }

    private static ExternalEndpoint parse(String entry) {
        int colon = entry.lastIndexOf(':');
        String host = colon < 0 ? "" : entry.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        boolean hostOk = !host.isEmpty() && host.chars().noneMatch(c -> Character.isWhitespace(c) || c == '/' || c == '[' || c == ']');
        if (colon < 0 || !hostOk || port < 1 || port > 65535) {
            throw new InvalidInputException("invalid_image_property", "Image property " + PROPERTY
                    + " must be host:port[,host:port...] with ports 1-65535, got entry '" + entry + "'.");
        }
        return new ExternalEndpoint(host, port);
    }
}
