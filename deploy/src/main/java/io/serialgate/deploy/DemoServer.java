package io.serialgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

/**
 * Makes sure a server named {@code demo} exists and gets a console URL for it, through the public
 * API exactly as a user would (so the all-in-one proves the whole path works).
 */
final class DemoServer {

    static final String NAME = "demo";

    private final URI api;
    private final String adminKey;
    private final ObjectMapper json;
    private final String name;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    DemoServer(URI api, String adminKey, ObjectMapper json) {
        this(api, adminKey, json, NAME);
    }

    /** @param name the server's name (tests use their own, beside the launcher's demo) */
    DemoServer(URI api, String adminKey, ObjectMapper json, String name) {
        this.api = api;
        this.adminKey = adminKey;
        this.json = json;
        this.name = name;
    }

    /** What had to be done to the existing demo before it could give a console. */
    enum Repair {
        NONE,
        /** Its guest was gone from the compute host: deleted and made again. */
        REPLACED,
        /** Its guest was shut off (the machine rebooted: libvirt guests do not autostart): started. */
        STARTED
    }

    /** The demo server and a console URL for its serial port 0. */
    record Ready(String serverId, String consoleUrl, Repair repair) {}

    /**
     * The existing demo server (a new one the first time) and a fresh console URL for it, so the
     * launcher starts instead of failing on a server nobody can reach:
     * <ul>
     *   <li>a demo whose guest is gone from the compute host although the api still lists it (its
     *       domain undefined by hand with virsh, the host's libvirt wiped) is deleted and made again;</li>
     *   <li>a demo whose guest is shut off (the machine rebooted, or it was stopped) is started.</li>
     * </ul>
     */
    Ready ready(String projectId) throws IOException, InterruptedException {
        String serverId = ensure();
        try {
            return new Ready(serverId, consoleUrl(serverId, projectId), Repair.NONE);
        } catch (ApiError e) {
            if (e.status == 409 && "SHUTOFF".equals(status(serverId))) {
                call("POST", "/v2.1/servers/" + serverId + "/action", Collections.singletonMap("os-start", null));
                return new Ready(serverId, consoleUrl(serverId, projectId), Repair.STARTED);
            }
            if (e.status != 404) {
                throw e;
            }
            call("DELETE", "/v2.1/servers/" + serverId, null);
            String replacement = ensure();
            return new Ready(replacement, consoleUrl(replacement, projectId), Repair.REPLACED);
        }
    }

    /** The api's status word for the server (after a refused console URL it is the compute host's). */
    private String status(String serverId) throws IOException, InterruptedException {
        return call("GET", "/v2.1/servers/" + serverId, null).path("server").path("status").asText();
    }

    /** The id of the existing demo server, or of a new one. */
    String ensure() throws IOException, InterruptedException {
        JsonNode servers = call("GET", "/v2.1/servers?name=" + name, null).path("servers");
        for (JsonNode server : servers) {
            if (name.equals(server.path("name").asText())) {
                return server.path("id").asText();
            }
        }
        Map<String, Object> body = Map.of("server", Map.of("name", name,
                "image_properties", Map.of("hw_serial_port_count", "2")));
        return call("POST", "/v2.1/servers", body).path("server").path("id").asText();
    }

    /** A fresh console URL (with its token) for serial port 0 of the server. */
    String consoleUrl(String serverId, String projectId) throws IOException, InterruptedException {
        JsonNode answer = call("POST", "/v2/" + projectId + "/servers/" + serverId + "/get-serial-console", Map.of());
        return answer.path("serial_console").path("url").asText();
    }

    /** The api answered with an error status. */
    static final class ApiError extends IOException {
        final int status;

        ApiError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Auth-Token", adminKey)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new ApiError(response.statusCode(), method + " " + path.replaceAll("\\?.*", "") + " answered HTTP "
                    + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
    }
}
