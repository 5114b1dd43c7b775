package io.serialgate.compute.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP to the internal API, for requests the typed client would never send. */
final class InternalHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String secret;

    InternalHttp(int port, String secret) {
        this.base = "http://127.0.0.1:" + port;
        this.secret = secret;
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String reason() {
            return body.path("error").path("reason").asText();
        }

        String message() {
            return body.path("error").path("message").asText();
        }

        int code() {
            return body.path("error").path("code").asInt();
        }
    }

    Answer send(String method, String path, String contentType, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response);
    }

    /** For endpoints that answer plain text (admin tasks): the body is left unparsed. */
    Answer sendText(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + secret)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.nullNode(), response);
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null, "Bearer " + secret);
    }

    Answer postJson(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, "application/json", body, "Bearer " + secret);
    }
}
