package io.serialgate.serialproxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The {@code serialproxy:} section: what only the websocket proxy needs. */
public final class SerialproxyOptions {

    public static final String SECTION = "serialproxy";

    /**
     * Browser origins allowed to open consoles besides the proxy's own host: either a host name
     * ({@code dashboard.example.com}, any scheme and port) or a full origin
     * ({@code https://dashboard.example.com:8443}).
     */
    @JsonProperty("allowed_origins")
    private List<String> allowedOrigins = new ArrayList<>();

    /** A console with no traffic either way for this long is closed. */
    @JsonProperty("idle_timeout_seconds")
    private int idleTimeoutSeconds = 600;

    public List<String> allowedOrigins() { return allowedOrigins == null ? List.of() : allowedOrigins; }
    public int idleTimeoutSeconds() { return idleTimeoutSeconds; }

    public SerialproxyOptions allowedOrigins(List<String> value) { this.allowedOrigins = value; return this; }
    public SerialproxyOptions idleTimeoutSeconds(int value) { this.idleTimeoutSeconds = value; return this; }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (idleTimeoutSeconds < 1 || idleTimeoutSeconds > 86_400) {
            problems.add(SECTION + ".idle_timeout_seconds: must lie in 1-86400, got " + idleTimeoutSeconds);
        }
        for (String origin : allowedOrigins()) {
            if (origin == null || origin.isBlank()) {
                problems.add(SECTION + ".allowed_origins: entries must not be empty");
            } else if (origin.contains("://")) {
                try {
                    URI uri = new URI(origin);
                    if (uri.getHost() == null) {
                        problems.add(SECTION + ".allowed_origins: not an origin or host name, got '" + origin + "'");
                    }
                } catch (Exception e) {
                    problems.add(SECTION + ".allowed_origins: not an origin or host name, got '" + origin + "'");
                }
            }
        }
        return problems;
    }
}
