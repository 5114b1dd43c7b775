package io.serialgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The public api as a cloud user calls it: JSON over HTTP with an API key. Set-up only, never timed. */
final class ApiCalls {

    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String apiUrl;
    private final String key;

    ApiCalls(String apiUrl, String key) {
        this.apiUrl = apiUrl;
        this.key = key;
    }

    /** POSTs {@code body} as JSON; the answer's body, or an IOException naming the call and the api's message. */
    JsonNode post(String path, Object body, int expectedStatus) throws IOException, InterruptedException {
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)), expectedStatus);
    }

    /** GETs {@code path}; the answer's body, or an IOException naming the call and the api's message. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), 200);
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", key)
                .header("Content-Type", "application/json")
                .method(method, body)
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IOException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
