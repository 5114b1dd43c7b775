package io.serialgate.serialproxy.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.contract.ConsoleLog;
import io.serialgate.common.error.ErrorBody;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real HTTP stand-in for compute-driver's console-log endpoint (ComputeConsoleLogContract). */
public final class FakeComputeLog implements AutoCloseable {

    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final Pattern LOG = Pattern.compile("/v1/servers/([^/]+)/serial-consoles/(\\d+)/log");

    private final HttpServer server;
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastQuery = new AtomicReference<>();

    public FakeComputeLog() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/servers/", this::log);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void setLog(String instanceUuid, int portIndex, String output) {
        logs.put(instanceUuid + "/" + portIndex, output);
    }

    public String lastQuery() {
        return lastQuery.get();
    }

    private void log(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + FakeConsoleauth.SECRET).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, ErrorBody.of(401, "unauthorized", "service credential required"));
                return;
            }
            Matcher m = LOG.matcher(exchange.getRequestURI().getPath());
            String output = m.matches() ? logs.get(m.group(1) + "/" + m.group(2)) : null;
            if (output == null) {
                send(exchange, 404, ErrorBody.of(404, "server_not_found", "no such server"));
                return;
            }
            lastQuery.set(exchange.getRequestURI().getQuery());
            send(exchange, 200, new ConsoleLog(m.group(1), Integer.parseInt(m.group(2)), 100, output));
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
