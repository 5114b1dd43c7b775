package io.serialgate.consoleauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small real HTTP server on 127.0.0.1 (ephemeral port) that answers compute-driver's
 * {@code GET /v1/servers/{instance_uuid}/serial-consoles/{port_index}} from a map the test edits,
 * the way compute-driver does: the service credential is required, an unknown server is 404
 * {@code server_not_found}.
 */
public final class ComputeStandIn implements AutoCloseable {

    private static final Pattern SERIAL_CONSOLE = Pattern.compile("^/v1/servers/([^/]+)/serial-consoles/(\\d+)$");

    private final String secret;
    static {
        // The JDK server writes headers and body apart; with Nagle on, the client's delayed ACK
        // adds ~40 ms to a call. compute-driver (Jetty) sets TCP_NODELAY too.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, String> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    public ComputeStandIn(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Serial port {@code portIndex} of {@code instance} now listens on host:port. */
    public void place(String instance, int portIndex, String host, int port) {
        endpoints.put(instance + "/" + portIndex, "{\"instance_uuid\":\"" + instance + "\",\"port_index\":" + portIndex
                + ",\"host\":\"" + host + "\",\"port\":" + port + "}");
    }

    /** The server is deleted: its serial ports are gone. */
    void remove(String instance) {
        endpoints.keySet().removeIf(key -> key.startsWith(instance + "/"));
    }

    /** The server is shut off (true) or running again (false): shut off, its consoles are 409 server_not_running. */
    void stopped(String instance, boolean value) {
        if (value) {
            stopped.add(instance);
        } else {
            stopped.remove(instance);
        }
    }

    /** While true, every answer is a 500. */
    void failing(boolean value) {
        failing.set(value);
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Matcher path = SERIAL_CONSOLE.matcher(exchange.getRequestURI().getPath());
        if (!("Bearer " + secret).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, error(401, "unauthorized"));
        } else if (failing.get()) {
            answer(exchange, 500, error(500, "internal_error"));
        } else if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
            answer(exchange, 404, error(404, "not_found"));
        } else {
            String endpoint = endpoints.get(path.group(1) + "/" + path.group(2));
            if (endpoint == null) {
                answer(exchange, 404, error(404, "server_not_found"));
            } else if (stopped.contains(path.group(1))) {
                answer(exchange, 409, error(409, "server_not_running"));
            } else {
                answer(exchange, 200, endpoint);
            }
        }
    }

    private static String error(int code, String reason) {
        return "{\"error\":{\"code\":" + code + ",\"reason\":\"" + reason + "\",\"message\":\"stand-in\"}}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
