package io.serialgate.common.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.auth.ServiceAuthFilter;
import io.serialgate.common.error.ErrorBody;
import io.serialgate.common.error.SerialgateException;
import io.serialgate.common.error.UnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP to one internal service, carrying the service credential. A non-2xx answer
 * becomes the matching {@link SerialgateException}; an unreachable service becomes
 * {@link UnavailableException} naming the service, never a raw I/O error.
 */
public class InternalHttpClient {

    private final String serviceName;
    private final URI baseUri;
    private final String secret;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = Jackson.newObjectMapper();

    public InternalHttpClient(String serviceName, URI baseUri, String secret, Duration timeout) {
        this.serviceName = serviceName;
        this.baseUri = baseUri;
        this.secret = secret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public <T> T get(String path, Class<T> type) {
        return send(request(path).GET(), type);
    }

    public <T> T get(String path, TypeReference<T> type) {
        byte[] body = exchange(request(path).GET());
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return send(request(path).POST(jsonBody(body)), type);
    }

    /** POST whose answer has no body worth reading (204). */
    public void postNoContent(String path, Object body) {
        exchange(request(path).POST(jsonBody(body)));
    }

    public void delete(String path) {
        exchange(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Authorization", ServiceAuthFilter.SCHEME + secret);
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body", e);
        }
    }

    private <T> T send(HttpRequest.Builder request, Class<T> type) {
        byte[] body = exchange(request);
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private byte[] exchange(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UnavailableException("service_unreachable",
                    serviceName + " is unreachable at " + baseUri + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", "interrupted while calling " + serviceName, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw errorFrom(status, response.body());
    }

    private SerialgateException errorFrom(int status, byte[] body) {
        try {
            ErrorBody error = json.readValue(body, ErrorBody.class);
            if (error.error() != null) {
                return SerialgateException.fromStatus(status, error.error().reason(), error.error().message());
            }
        } catch (IOException | RuntimeException ignored) {
            // Not one of our error bodies (a proxy in between, a crash page): fall through.
        }
        return SerialgateException.fromStatus(status, "http_" + status,
                serviceName + " answered HTTP " + status);
    }

    private UnavailableException unreadable(IOException e) {
        return new UnavailableException("bad_answer", serviceName + " sent an answer that is not valid JSON", e);
    }
}
