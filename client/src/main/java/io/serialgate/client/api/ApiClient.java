package io.serialgate.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * The public, Nova-compatible REST API as the CLI sees it: JSON in and out, every request carrying
 * {@code X-Auth-Token}. Error answers become a {@link ClientFailure} whose message is the Nova
 * fault's message and whose exit code follows the status; transport failures become
 * {@link ExitCode#NETWORK}. The token is never written anywhere, not even with --debug.
 */
public final class ApiClient {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUri;
    private final String token;
    private final PrintStream debug;
    private final HttpClient http;
    private final ObjectMapper json;

    /**
     * @param baseUri the api endpoint, e.g. {@code http://127.0.0.1:8774}
     * @param debug   where --debug lines go, or null for none
     */
    public ApiClient(URI baseUri, String token, ObjectMapper json, PrintStream debug) {
        this(baseUri, token, json, debug, null);
    }

    /**
     * @param tls the TLS trust for https/wss (from --cacert), or null for the JDK's trusted CAs;
     *            the same HttpClient also opens the console websocket
     */
    public ApiClient(URI baseUri, String token, ObjectMapper json, PrintStream debug, SSLContext tls) {
        this.baseUri = baseUri;
        this.token = token;
        this.json = json;
        this.debug = debug;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /**
     * Reads an {@code --api-url} value. Accepts the bare endpoint or a Nova-style one ending in
     * {@code /v2.1} (what a service catalog lists); request paths add the version themselves.
     */
    public static URI parseEndpoint(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw ClientFailure.usage("--api-url is not a URL: " + value);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw ClientFailure.usage("--api-url must be an absolute http:// or https:// URL, got " + value);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        path = path.replaceAll("/+$", "").replaceAll("/v(2|2\\.1|3)$", "");
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }

    /** A path segment or query value, percent-encoded. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public HttpClient http() {
        return http;
    }

    public JsonNode get(String path) {
        return exchange(request(path).GET(), "GET", path);
    }

    public JsonNode post(String path, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body", e);
        }
        return exchange(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), "POST", path);
    }

    public void delete(String path) {
        exchange(request(path).DELETE(), "DELETE", path);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("X-Auth-Token", token);
    }

    /** Sends the request; a 2xx answer's JSON body (a missing node if empty), or a failure. */
    private JsonNode exchange(HttpRequest.Builder builder, String method, String path) {
        HttpRequest request = builder.build();
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            debugLine(method + " " + request.uri() + " -> " + e.getClass().getSimpleName());
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClientFailure.network("interrupted while calling the api", e);
        }
        int status = response.statusCode();
        debugLine(method + " " + request.uri() + " -> " + status
                + " (" + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)");
        byte[] body = response.body();
        if (status < 200 || status >= 300) {
            throw new ClientFailure(ExitCode.forHttpStatus(status),
                    NovaFault.message(json, status, body) + " (HTTP " + status + ")");
        }
        if (body.length == 0) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw ClientFailure.serverError("the api answered " + method + " " + path + " with something that is not JSON");
        }
    }

    private ClientFailure unreachable(IOException e) {
        String why;
        if (e instanceof SSLHandshakeException) {
            why = "TLS handshake failed, is its certificate trusted? (see --cacert)";
        } else if (e instanceof HttpConnectTimeoutException) {
            why = "timed out connecting";
        } else if (e instanceof HttpTimeoutException) {
            why = "no answer within " + TIMEOUT.toSeconds() + " s";
        } else if (e instanceof ConnectException) {
            why = e.getCause() instanceof UnresolvedAddressException ? "unknown host" : "connection refused";
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : NovaFault.oneLine(e.getMessage());
        }
        return ClientFailure.network("cannot reach the api at " + baseUri + ": " + why, e);
    }

    private void debugLine(String line) {
        if (debug != null) {
            debug.println("debug: " + line);
        }
    }
}
