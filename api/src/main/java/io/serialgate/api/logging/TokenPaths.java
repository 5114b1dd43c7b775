package io.serialgate.api.logging;

import java.util.Locale;
import java.util.Optional;

/**
 * Which request paths carry a console token, and how they are written to logs. Nova's token
 * introspection puts the token in the path ({@code /v2.1/os-console-auth-tokens/{token}}), so
 * everything after that segment is replaced with {@code ***}.
 */
public final class TokenPaths {

    public static final String SEGMENT = "os-console-auth-tokens";
    public static final String REDACTED = "***";

    private TokenPaths() {}

    /**
     * The loggable form of a decoded request path, or empty when the path carries no token.
     * Matching is on the decoded, lower-cased path, so {@code os-console-auth%2Dtokens} (which the
     * router decodes and serves) is caught too.
     */
    public static Optional<String> redacted(String decodedPath) {
        if (decodedPath == null) {
            return Optional.empty();
        }
        int at = decodedPath.toLowerCase(Locale.ROOT).indexOf(SEGMENT);
        if (at < 0) {
            return Optional.empty();
        }
        int end = at + SEGMENT.length();
        String kept = decodedPath.substring(0, end);
        return Optional.of(end < decodedPath.length() ? kept + "/" + REDACTED : kept);
    }
}
