package io.serialgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.contract.ConsoleSessionContract;
import io.serialgate.common.contract.ConsoleauthContract;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.contract.OpenedSession;
import io.serialgate.common.contract.ProxyHeartbeatAnswer;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.contract.ValidateTokenRequest;
import io.serialgate.common.error.ErrorBody;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * consoleauth's token check and session API as serialproxy calls them (common's contract, real
 * HTTP, the service credential checked), in memory: a token {@code bench-<port>-<n>} grants the
 * fake serial port 127.0.0.1:port, one open writer per port. What it does not cost is
 * PostgreSQL: the real consoleauth adds its database round trips to connect latency.
 */
final class StandInConsoleauth implements AutoCloseable {

    static final String SECRET = "b3nchb3nchb3nchb3nchb3nchb3nchb3nchb3nchb3nchb3nchb3nchb3nchb3nc";
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private final HttpServer server;
    private final Map<String, String> writers = new ConcurrentHashMap<>(); // instance -> session
    private final Map<String, String> sessionInstance = new ConcurrentHashMap<>();

    StandInConsoleauth() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "bench-consoleauth");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String token(int serialPort, long n) {
        return "bench-" + serialPort + "-" + n;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + SECRET).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, ErrorBody.of(401, "unauthorized", "service credential required"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals(ConsoleSessionContract.SESSIONS)) {
                open(exchange);
            } else if (path.endsWith("/end") && path.startsWith("/v1/sessions/")) {
                String id = path.substring("/v1/sessions/".length(), path.length() - "/end".length());
                exchange.getRequestBody().readAllBytes();
                String instance = sessionInstance.remove(id);
                if (instance != null) {
                    writers.remove(instance, id);
                }
                send(exchange, 200, session(id, instance == null ? "unknown" : instance, "writer", "client-closed"));
            } else if (path.startsWith("/v1/proxies/")) {
                send(exchange, 200, new ProxyHeartbeatAnswer(List.of(), false));
            } else if (path.equals(ConsoleauthContract.VALIDATE)) {
                ValidateTokenRequest request = JSON.readValue(exchange.getRequestBody(), ValidateTokenRequest.class);
                TokenBinding binding = binding(request.token());
                if (binding == null) {
                    send(exchange, 404, ErrorBody.of(404, "token_unknown", "invalid token"));
                } else {
                    send(exchange, 200, binding);
                }
            } else {
                send(exchange, 404, ErrorBody.of(404, "not_found", "not in the stand-in"));
            }
        }
    }

    private void open(HttpExchange exchange) throws IOException {
        OpenSessionRequest request = JSON.readValue(exchange.getRequestBody(), OpenSessionRequest.class);
        TokenBinding binding = binding(request.token());
        if (binding == null) {
            send(exchange, 404, ErrorBody.of(404, "token_unknown", "invalid token"));
            return;
        }
        String id = UUID.randomUUID().toString();
        if (ConsoleSessionContract.ROLE_WRITER.equals(request.role())) {
            String holder = writers.putIfAbsent(binding.instanceUuid(), id);
            if (holder != null) {
                send(exchange, 409, ErrorBody.of(409, "console_in_use", "console in use"));
                return;
            }
            sessionInstance.put(id, binding.instanceUuid());
        }
        send(exchange, 201, new OpenedSession(session(id, binding.instanceUuid(), request.role(), null), binding));
    }

    private static ConsoleSession session(String id, String instance, String role, String endReason) {
        Instant now = Instant.now();
        return new ConsoleSession(id, "bench", instance, 0, "bench-proxy", "127.0.0.1", null, role, now, now,
                endReason == null ? null : now, endReason, null);
    }

    /** bench-PORT-N grants 127.0.0.1:PORT (one server per port). */
    private static TokenBinding binding(String token) {
        if (token == null || !token.startsWith("bench-")) {
            return null;
        }
        String[] parts = token.split("-");
        if (parts.length != 3) {
            return null;
        }
        int port = Integer.parseInt(parts[1]);
        String instance = UUID.nameUUIDFromBytes(("port" + port).getBytes(StandardCharsets.US_ASCII)).toString();
        return new TokenBinding("bench", instance, 0, "127.0.0.1", port, Instant.now().plusSeconds(600));
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
