package io.serialgate.api.api;

import io.serialgate.common.error.InvalidInputException;
import java.util.Locale;
import java.util.Set;

/**
 * The query of {@code GET /servers/{id}/serial-console-sessions}: {@code all=1} asks for the whole
 * history instead of the open sessions, paged by {@code limit} and {@code marker}.
 */
public record SessionQuery(boolean all, Integer limit, String marker) {

    private static final Set<String> TRUE = Set.of("1", "true", "yes");
    private static final Set<String> FALSE = Set.of("0", "false", "no");

    public static SessionQuery from(String all, String limit, String marker) {
        boolean history = flag(all);
        if (!history && (limit != null || marker != null)) {
            throw new InvalidInputException("paging_without_all", "limit and marker page the session history:"
                    + " use them with all=1.");
        }
        return new SessionQuery(history, limit == null ? null : limit(limit), marker);
    }

    private static boolean flag(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        throw new InvalidInputException("bad_all", "Invalid input for query parameter all. Value: " + shorten(value)
                + ". It must be 1 (the whole history) or 0 (open sessions only).");
    }

    private static int limit(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("bad_limit", "Invalid input for query parameter limit. Value: "
                    + shorten(value) + ". It must be a whole number from 1 to 1000.");
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
