package io.serialgate.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Where a service finds the internal REST services it calls. */
public final class InternalEndpoints {

    public static final String SECTION = "internal";

    @OptionDoc("consoleauth's internal REST endpoint.")
    @JsonProperty("consoleauth_url")
    private String consoleauthUrl = "http://127.0.0.1:8781";

    @OptionDoc("compute-driver's internal REST endpoint.")
    @JsonProperty("compute_url")
    private String computeUrl = "http://127.0.0.1:8782";

    @OptionDoc("The api's address for internal calls: compute hosts send their heartbeat there.")
    @JsonProperty("api_url")
    private String apiUrl = "http://127.0.0.1:8774";

    @OptionDoc("Timeout of one internal call, 1-300 seconds.")
    @JsonProperty("timeout_seconds")
    private int timeoutSeconds = 10;

    public URI consoleauthUrl() { return URI.create(consoleauthUrl); }
    public URI computeUrl() { return URI.create(computeUrl); }
    public URI apiUrl() { return URI.create(apiUrl); }
    public int timeoutSeconds() { return timeoutSeconds; }

    public InternalEndpoints consoleauthUrl(String value) { this.consoleauthUrl = value; return this; }
    public InternalEndpoints computeUrl(String value) { this.computeUrl = value; return this; }
    public InternalEndpoints apiUrl(String value) { this.apiUrl = value; return this; }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        checkUrl(problems, "consoleauth_url", consoleauthUrl);
        checkUrl(problems, "compute_url", computeUrl);
        checkUrl(problems, "api_url", apiUrl);
        if (timeoutSeconds < 1 || timeoutSeconds > 300) {
            problems.add(SECTION + ".timeout_seconds: must lie in 1-300, got " + timeoutSeconds);
        }
        return problems;
    }

    private static void checkUrl(List<String> problems, String name, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                problems.add(SECTION + "." + name + ": must be an absolute http(s) URL, got '" + url + "'");
            }
        } catch (Exception e) {
            problems.add(SECTION + "." + name + ": must be an absolute http(s) URL, got '" + url + "'");
        }
    }
}
