package io.serialgate.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** What a newcomer (or a script) needs after the all-in-one is up; written as JSON too. */
record AllInOneSummary(
        @JsonProperty("endpoints") Map<String, String> endpoints,
        @JsonProperty("admin_key") String adminKey,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("demo_server_id") String demoServerId,
        @JsonProperty("console_url") String consoleUrl,
        @JsonProperty("cli_command") String cliCommand,
        @JsonProperty("compute_driver") String computeDriver,
        @JsonProperty("database") String database,
        @JsonProperty("logs") String logs) {

    @Override
    public String toString() {
        return "AllInOneSummary{demoServerId=" + demoServerId + ", secrets=<redacted>}";
    }
}
