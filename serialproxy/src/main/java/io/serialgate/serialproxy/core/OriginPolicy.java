package io.serialgate.serialproxy.core;

import io.serialgate.common.error.ForbiddenException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a browser page from a given Origin may open a console here. Without this
 * check any web site a logged-in user visits could open the console in the user's name
 * (cross-site websocket hijacking, Nova's CVE-2015-0259). Clients that send no Origin at all are
 * not browsers (CLI, websocat) and carry the token themselves, so they pass.
 *
 * <p>As in Nova, a page matched by host name must also use the scheme of the console URL the api
 * hands out ({@code serial_console.base_url}, ws/wss counted as http/https): an http page may
 * not drive a console published over https. Full-origin entries match scheme and port exactly.
 */
public final class OriginPolicy {

    private final List<String> allowed;
    private final String expectedScheme;

    /**
     * @param allowed host names (any port) or full origins such as https://dash.example.com:8443
     * @param baseUrl serial_console.base_url, whose scheme host-name matches must use
     */
    public OriginPolicy(List<String> allowed, String baseUrl) {
        this.allowed = allowed.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
        this.expectedScheme = httpScheme(baseUrl);
    }

    /** http or https for a base URL (ws -> http, wss -> https); null when it cannot be told. */
    private static String httpScheme(String url) {
        try {
            String scheme = new URI(url).getScheme();
            if (scheme == null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            return scheme.startsWith("ws") ? scheme.replaceFirst("^ws", "http") : scheme;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * @param origin the request's Origin header, or null
     * @param hostHeader the request's Host header (host[:port]), or null
     * @throws ForbiddenException reason origin_forbidden when the page may not connect
     */
    public void check(String origin, String hostHeader) {
        if (origin == null) {
            return;
        }
        String originHost = hostOf(origin);
        if (originHost == null) {
            throw refused(origin);
        }
        if (originHost.equals(hostnameOf(hostHeader)) || allowed.contains(originHost)) {
            checkScheme(origin);
            return;
        }
        String normalized = normalizeOrigin(origin);
        for (String entry : allowed) {
            if (entry.contains("://") && normalizeOrigin(entry).equals(normalized)) {
                return;
            }
        }
        throw refused(origin);
    }

    private void checkScheme(String origin) {
        String scheme = URI.create(origin.trim()).getScheme().toLowerCase(Locale.ROOT);
        if (expectedScheme != null && !expectedScheme.equals(scheme)) {
            throw new ForbiddenException("origin_scheme_mismatch", "Origin " + abbreviate(origin)
                    + " uses " + scheme + " but consoles here are published over " + expectedScheme
                    + " (serial_console.base_url).");
        }
    }

    private static ForbiddenException refused(String origin) {
        return new ForbiddenException("origin_forbidden",
                "Origin " + abbreviate(origin) + " may not open consoles on this proxy "
                        + "(it is neither this proxy's host nor in serialproxy.allowed_origins).");
    }

    private static String hostOf(String origin) {
        try {
            URI uri = new URI(origin.trim());
            return uri.getHost() == null ? null : stripBrackets(uri.getHost().toLowerCase(Locale.ROOT));
        } catch (Exception e) {
            return null;
        }
    }

    /** host[:port] of a Host header, IPv6 literals included, reduced to the host name. */
    static String hostnameOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** scheme://host:port with the default port filled in, so http://a and http://a:80 compare equal. */
    private static String normalizeOrigin(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port < 0) {
                port = switch (scheme) {
                    case "https", "wss" -> 443;
                    default -> 80;
                };
            }
            String host = uri.getHost() == null ? "" : stripBrackets(uri.getHost().toLowerCase(Locale.ROOT));
            return scheme + "://" + host + ":" + port;
        } catch (Exception e) {
            return "";
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? "'" + s + "'" : "'" + s.substring(0, 100) + "...'";
    }
}
