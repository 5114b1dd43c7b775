package io.serialgate.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP calls to the api under test, so tests control every byte and header. */
public final class ApiCalls {

    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiCalls(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Reply get(String path, String key) {
        return send(builder(path, key).GET());
    }

    public Reply delete(String path, String key) {
        return send(builder(path, key).DELETE());
    }

    public Reply post(String path, String key, String body) {
        HttpRequest.Builder b = builder(path, key);
        if (body == null) {
            return send(b.POST(HttpRequest.BodyPublishers.noBody()));
        }
        return send(b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
            return new Reply(response.statusCode(), json, text, response);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder builder(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        return key == null ? b : b.header("X-Auth-Token", key);
    }

    public record Reply(int status, JsonNode json, String text, HttpResponse<String> raw) {
        /** The message of a Nova fault body, asserting the fault name. */
        public String fault(String name) {
            JsonNode fault = json.get(name);
            if (fault == null) {
                throw new AssertionError("expected fault '" + name + "' in " + text);
            }
            if (fault.get("code").asInt() != status) {
                throw new AssertionError("fault code " + fault.get("code") + " differs from status " + status);
            }
            return fault.get("message").asText();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
