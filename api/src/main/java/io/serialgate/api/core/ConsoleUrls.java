package io.serialgate.api.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds {@code <base_url>?token=<token>}, keeping any query string or fragment base_url already has. */
public final class ConsoleUrls {

    private ConsoleUrls() {}

    public static String withToken(String baseUrl, String token) {
        String fragment = "";
        String base = baseUrl;
        int hash = base.indexOf('#');
        if (hash >= 0) {
            fragment = base.substring(hash);
            base = base.substring(0, hash);
        }
        String separator = base.indexOf('?') < 0 ? "?" : (base.endsWith("?") || base.endsWith("&") ? "" : "&");
        return base + separator + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + fragment;
    }
}
