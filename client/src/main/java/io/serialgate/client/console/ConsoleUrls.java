package io.serialgate.client.console;

import io.serialgate.client.ClientFailure;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * From the console URL the api hands out (the {@code serial.html?token=...} page for browsers) to
 * the websocket the CLI opens: same host, path and query, with http → ws and https → wss.
 */
public final class ConsoleUrls {

    private ConsoleUrls() {
    }

    public static URI webSocketUri(URI consoleUrl) {
        String scheme = consoleUrl.getScheme() == null ? "" : consoleUrl.getScheme().toLowerCase(java.util.Locale.ROOT);
        String wsScheme = switch (scheme) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw ClientFailure.serverError("the api answered a console URL with scheme '" + scheme
                    + "'; expected http, https, ws or wss");
        };
        try {
            return new URI(wsScheme + "://" + consoleUrl.getRawAuthority()
                    + (consoleUrl.getRawPath() == null || consoleUrl.getRawPath().isEmpty() ? "/" : consoleUrl.getRawPath())
                    + (consoleUrl.getRawQuery() == null ? "" : "?" + consoleUrl.getRawQuery()));
        } catch (URISyntaxException e) {
            throw ClientFailure.serverError("the api answered a console URL that cannot be turned into a websocket URL");
        }
    }

    /**
     * The Origin a browser on the console page would send (scheme, host and port of the page), so
     * the proxy's same-origin check treats the CLI like serial.html.
     */
    public static String origin(URI consoleUrl) {
        String scheme = switch (consoleUrl.getScheme().toLowerCase(java.util.Locale.ROOT)) {
            case "https", "wss" -> "https";
            default -> "http";
        };
        return scheme + "://" + consoleUrl.getRawAuthority();
    }

    /** The URL with one more query parameter (e.g. {@code mode=view}), the rest kept as is. */
    public static URI withQueryParameter(URI url, String name, String value) {
        String query = url.getRawQuery();
        String added = name + "=" + value;
        return URI.create(url.getScheme() + "://" + url.getRawAuthority()
                + (url.getRawPath() == null ? "" : url.getRawPath())
                + "?" + (query == null || query.isEmpty() ? added : query + "&" + added));
    }

    /** The URL without its query, where the token is: safe to print. */
    public static String withoutToken(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
