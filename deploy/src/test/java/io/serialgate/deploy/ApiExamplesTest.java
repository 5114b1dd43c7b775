package io.serialgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Captures the API examples of the documentation from real requests to the running system, so the
 * docs cannot show a request or an answer the api does not give. Each example is written to
 * {@code target/api-examples/NAME.md} and placed into docs pages by {@code <!-- example: NAME -->}.
 * Keys and console tokens are replaced by placeholders; ids and times are the real ones of this run.
 */
@ExtendWith(RunningAllInOne.class)
class ApiExamplesTest {

    private static final Path OUT = Path.of("target/api-examples");
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final HttpClient http = HttpClient.newHttpClient();
    private RunningAllInOne system;

    @BeforeEach
    void useTheRunningSystem() throws Exception {
        system = RunningAllInOne.get();
        Files.createDirectories(OUT);
    }

    @Test
    void captureTheConsoleUrlShapes() throws Exception {
        String id = system.summary.demoServerId();
        capture("get-serial-console-v2", "POST", "/v2/admin/servers/" + id + "/get-serial-console", "{}", Map.of(), 200);
        capture("get-serial-console-v3", "POST", "/v3/servers/" + id + "/get-serial-console", "{\"port\": 1}", Map.of(), 202);
        capture("os-getSerialConsole", "POST", "/v2.1/servers/" + id + "/action",
                "{\"os-getSerialConsole\": {\"type\": \"serial\"}}", Map.of(), 200);
        capture("remote-consoles", "POST", "/v2.1/servers/" + id + "/remote-consoles",
                "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\"}}",
                Map.of("OpenStack-API-Version", "compute 2.6"), 200);
    }

    @Test
    void captureServersAndPorts() throws Exception {
        String id = system.summary.demoServerId();
        capture("server-show", "GET", "/v2.1/servers/" + id, null, Map.of(), 200);
        capture("serial-ports", "GET", "/v2.1/servers/" + id + "/serial-ports", null, Map.of(), 200);
    }

    @Test
    void captureFaults() throws Exception {
        capture("fault-not-found", "POST", "/v3/servers/00000000-0000-0000-0000-000000000000/get-serial-console",
                "{}", Map.of(), 404);
        capture("fault-bad-type", "POST", "/v2.1/servers/" + system.summary.demoServerId() + "/action",
                "{\"os-getSerialConsole\": {\"type\": \"novnc\"}}", Map.of(), 400);
    }

    private void capture(String name, String method, String path, String body, Map<String, String> headers,
                         int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.apiUrl() + path))
                .header("X-Auth-Token", system.summary.adminKey())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(expectedStatus);

        List<String> lines = new ArrayList<>();
        lines.add("```http");
        lines.add(method + " " + path + " HTTP/1.1");
        lines.add("X-Auth-Token: $KEY");
        headers.forEach((k, v) -> lines.add(k + ": " + v));
        if (body != null) {
            lines.add("Content-Type: application/json");
            lines.add("");
            lines.add(json.writeValueAsString(json.readTree(body)));
        }
        lines.add("```");
        lines.add("");
        lines.add("```http");
        lines.add("HTTP/1.1 " + response.statusCode());
        lines.add("Content-Type: application/json");
        lines.add("");
        lines.add(redact(json.writeValueAsString(json.readTree(response.body()))));
        lines.add("```");
        Files.writeString(OUT.resolve(name + ".md"), String.join("\n", lines) + "\n");
    }

    /** Console tokens are secrets even in a test run: the docs show where they go, not what they are. */
    private String redact(String text) {
        return text.replaceAll("token=[A-Za-z0-9_-]+", "token=\\$TOKEN")
                .replace(system.summary.adminKey(), "$KEY");
    }
}
