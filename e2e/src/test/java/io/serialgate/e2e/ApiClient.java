package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The public api as one API key sees it: plain JDK HTTP, Nova's JSON shapes. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final String key;

    ApiClient(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    record Reply(int status, JsonNode body, String text) {}

    Reply send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (!response.body().isBlank()) {
            try {
                json = JSON.readTree(response.body());
            } catch (Exception notJson) {
                json = null;
            }
        }
        return new Reply(response.statusCode(), json == null ? JSON.missingNode() : json, response.body());
    }

    /** Boots a server with {@code hw_serial_port_count} ports and waits until it is ACTIVE. */
    String bootServer(String name, int serialPorts) throws Exception {
        Reply created = send("POST", "/v2.1/servers", "{\"server\": {\"name\": \"" + name
                + "\", \"image_properties\": {\"hw_serial_port_count\": \"" + serialPorts + "\"}}}");
        assertThat(created.status()).as("create server: %s", created.text()).isEqualTo(202);
        String id = created.body().path("server").path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Reply shown = send("GET", "/v2.1/servers/" + id, null);
            assertThat(shown.status()).as("show server: %s", shown.text()).isEqualTo(200);
            String status = shown.body().path("server").path("status").asText();
            if ("ACTIVE".equals(status)) {
                return id;
            }
            assertThat(status).as("server %s: %s", id, shown.text()).isIn("BUILD");
            assertThat(System.nanoTime()).as("server %s not ACTIVE within 120 s: %s", id, shown.text()).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** {@code POST /v3/servers/{id}/get-serial-console} (202). */
    String consoleUrlV3(String serverId, int port) throws Exception {
        Reply reply = send("POST", "/v3/servers/" + serverId + "/get-serial-console", "{\"port\": " + port + "}");
        assertThat(reply.status()).as("v3 get-serial-console: %s", reply.text()).isEqualTo(202);
        return reply.body().path("serial_console").path("url").asText();
    }

    /** The seed's {@code POST /v2/{tenant_id}/servers/{id}/get-serial-console} (200). */
    String consoleUrlV2(String tenant, String serverId, int port) throws Exception {
        Reply reply = send("POST", "/v2/" + tenant + "/servers/" + serverId + "/get-serial-console",
                "{\"type\": \"serial\", \"port\": " + port + "}");
        assertThat(reply.status()).as("v2 get-serial-console: %s", reply.text()).isEqualTo(200);
        return reply.body().path("serial_console").path("url").asText();
    }

    /** Nova's {@code os-getSerialConsole} server action. */
    String consoleUrlAction(String serverId, int port) throws Exception {
        Reply reply = send("POST", "/v2.1/servers/" + serverId + "/action",
                "{\"os-getSerialConsole\": {\"type\": \"serial\", \"port\": " + port + "}}");
        assertThat(reply.status()).as("os-getSerialConsole: %s", reply.text()).isEqualTo(200);
        assertThat(reply.body().path("console").path("type").asText()).isEqualTo("serial");
        return reply.body().path("console").path("url").asText();
    }

    /** Nova 2.6+ {@code POST /v2.1/servers/{id}/remote-consoles}. */
    String consoleUrlRemoteConsoles(String serverId, int port) throws Exception {
        Reply reply = send("POST", "/v2.1/servers/" + serverId + "/remote-consoles",
                "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\", \"port\": " + port + "}}",
                "OpenStack-API-Version", "compute 2.6");
        assertThat(reply.status()).as("remote-consoles: %s", reply.text()).isEqualTo(200);
        assertThat(reply.body().path("remote_console").path("protocol").asText()).isEqualTo("serial");
        return reply.body().path("remote_console").path("url").asText();
    }

    Reply delete(String serverId) throws Exception {
        return send("DELETE", "/v2.1/servers/" + serverId, null);
    }
}
