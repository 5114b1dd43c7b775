package io.serialgate.serialproxy.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.contract.ConsoleauthContract;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.contract.ValidateTokenRequest;
import io.serialgate.common.error.ErrorBody;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP stand-in for consoleauth's validate endpoint, speaking the common contract
 * (TokenBinding / ErrorBody) and checking the service credential like the real service.
 */
public final class FakeConsoleauth implements AutoCloseable {

    public static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private final HttpServer server;
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private final AtomicInteger validations = new AtomicInteger();

    public FakeConsoleauth() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(ConsoleauthContract.VALIDATE, this::validate);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A fresh valid token for host:port. */
    public String grant(String host, int port) {
        return grant(host, port, Instant.now().plusSeconds(600));
    }

    /** A fresh token for host:port that says it expires at the given time. */
    public String grant(String host, int port, Instant expiresAt) {
        String token = "tok-" + UUID.randomUUID();
        answers.put(token, new TokenBinding("tenant-1", UUID.randomUUID().toString(), 0, host, port, expiresAt));
        return token;
    }

    /** A token consoleauth answers with the given status and reason. */
    public String refuse(int status, String reason) {
        String token = "tok-" + UUID.randomUUID();
        answers.put(token, ErrorBody.of(status, reason, "stand-in refusal " + reason));
        return token;
    }

    public int validations() {
        return validations.get();
    }

    private void validate(HttpExchange exchange) throws IOException {
        try (exchange) {
            validations.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + SECRET).equals(auth)) {
                send(exchange, 401, ErrorBody.of(401, "unauthorized", "service credential required"));
                return;
            }
            ValidateTokenRequest request = JSON.readValue(exchange.getRequestBody(), ValidateTokenRequest.class);
            Object answer = request.token() == null ? null : answers.get(request.token());
            if (answer == null) {
                send(exchange, 404, ErrorBody.of(404, "token_unknown", "unknown token"));
            } else if (answer instanceof ErrorBody error) {
                send(exchange, error.error().code(), error);
            } else {
                send(exchange, 200, answer);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
