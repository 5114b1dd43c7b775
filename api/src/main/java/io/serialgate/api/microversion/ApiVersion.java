package io.serialgate.api.microversion;

import io.serialgate.common.error.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A compute API microversion such as 2.6, compared numerically (2.10 > 2.9) as Nova does. */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    public static final ApiVersion MIN = new ApiVersion(2, 1);
    /** The highest microversion served: 2.6 brings {@code POST /servers/{id}/remote-consoles}. */
    public static final ApiVersion MAX = new ApiVersion(2, 6);
    /** The microversion that introduced {@code remote-consoles}. */
    public static final ApiVersion REMOTE_CONSOLES = new ApiVersion(2, 6);

    private static final Pattern FORMAT = Pattern.compile("^([1-9]\\d*)\\.([1-9]\\d*|0)$");

    public static ApiVersion parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidInputException("bad_microversion",
                    "Version " + text.trim() + " is not a valid format: it must be MAJOR.MINOR, such as 2.1, or 'latest'.");
        }
        try {
            return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("bad_microversion", "Version " + text.trim() + " is not a valid format.");
        }
    }

    public boolean atLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
