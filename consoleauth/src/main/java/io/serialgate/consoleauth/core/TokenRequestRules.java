package io.serialgate.consoleauth.core;

import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.ValidateTokenRequest;
import io.serialgate.common.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a well-formed token request looks like. Each problem names the JSON field, so the caller
 * (api, serialproxy) can tell which of its values is wrong. Values that may be secret (the token)
 * are never echoed back.
 */
public final class TokenRequestRules {

    static final int MAX_TEXT = 255;
    static final int MAX_PORT_INDEX = 255;
    static final int MAX_URL = 2048;
    /** Tokens serialgate issues are 43 characters; anything far longer is not one of ours. */
    static final int MAX_TOKEN = 512;

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern NO_SPACE_OR_CONTROL = Pattern.compile("^[^\\s\\p{Cntrl}]+$");
    private static final Set<String> URL_SCHEMES = Set.of("http", "https", "ws", "wss");
    private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");

    private TokenRequestRules() {}

    /** Throws {@link InvalidInputException} listing every bad field of an authorize request. */
    public static void check(AuthorizeTokenRequest request) {
        if (request == null) {
            throw new InvalidInputException("body: a JSON object is required");
        }
        List<String> problems = new ArrayList<>();
        requireText(problems, "tenant_id", request.tenantId());
        if (request.instanceUuid() == null || request.instanceUuid().isBlank()) {
            problems.add("instance_uuid: is required");
        } else if (!UUID.matcher(request.instanceUuid()).matches()) {
            problems.add("instance_uuid: must be a UUID, got '" + shorten(request.instanceUuid()) + "'");
        }
        if (request.portIndex() < 0 || request.portIndex() > MAX_PORT_INDEX) {
            problems.add("port_index: must be between 0 and " + MAX_PORT_INDEX + ", got " + request.portIndex());
        }
        requireText(problems, "host", request.host());
        if (request.port() < 1 || request.port() > 65535) {
            problems.add("port: must be between 1 and 65535, got " + request.port());
        }
        checkAccessUrlBase(problems, request.accessUrlBase());
        checkComputeUrl(problems, request.computeUrl());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
    }

    /** Throws {@link InvalidInputException} when a validate request carries no usable token. */
    public static void check(ValidateTokenRequest request) {
        if (request == null) {
            throw new InvalidInputException("body: a JSON object is required");
        }
        String token = request.token();
        if (token == null || token.isEmpty()) {
            throw new InvalidInputException("token: is required");
        }
        if (token.length() > MAX_TOKEN) {
            throw new InvalidInputException("token: must be at most " + MAX_TOKEN + " characters, got " + token.length());
        }
    }

    static void requireText(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": is required");
        } else if (value.length() > MAX_TEXT) {
            problems.add(field + ": must be at most " + MAX_TEXT + " characters, got " + value.length());
        } else if (!NO_SPACE_OR_CONTROL.matcher(value).matches()) {
            problems.add(field + ": must not contain spaces or control characters, got '" + shorten(value) + "'");
        }
    }

    private static void checkAccessUrlBase(List<String> problems, String value) {
        String field = "access_url_base";
        if (value == null || value.isBlank()) {
            problems.add(field + ": is required");
            return;
        }
        URI uri = absoluteUrl(problems, field, value, URL_SCHEMES, "http(s) or ws(s)");
        if (uri != null && (uri.getRawQuery() != null || uri.getRawFragment() != null)) {
            problems.add(field + ": must have no query or fragment (the token is appended), got '"
                    + shorten(value) + "'");
        }
    }

    /** Optional; when given, an absolute http(s) URL with a host and nothing after the path. */
    private static void checkComputeUrl(List<String> problems, String value) {
        String field = "compute_url";
        if (value == null) {
            return;
        }
        URI uri = absoluteUrl(problems, field, value, HTTP_SCHEMES, "http(s)");
        if (uri != null && (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null)) {
            problems.add(field + ": must be an absolute http(s) URL without query, fragment or user info, got '"
                    + shorten(value) + "'");
        }
    }

    /** The value as an absolute URL with a host and one of {@code schemes}; null after adding the problem. */
    private static URI absoluteUrl(List<String> problems, String field, String value, Set<String> schemes,
            String schemesText) {
        if (value.length() > MAX_URL) {
            problems.add(field + ": must be at most " + MAX_URL + " characters, got " + value.length());
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.isAbsolute() && schemes.contains(scheme) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, like any other value that is not such a URL
        }
        problems.add(field + ": must be an absolute " + schemesText + " URL, got '" + shorten(value) + "'");
        return null;
    }

    /** Echoes at most 64 characters of a bad value: enough to recognise it, never a flood. */
    static String shorten(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
    }
}
