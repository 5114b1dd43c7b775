package io.serialgate.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.error.ErrorBody;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small real HTTP service on 127.0.0.1:0 speaking one of common's internal contracts, so the
 * api is tested over real sockets without depending on the other service modules. It checks the
 * service credential as the real services do, and can be told to answer every call with an error.
 */
public abstract class StandInService implements AutoCloseable {

    protected static final ObjectMapper JSON = Jackson.newObjectMapper();

    static {
        // The JDK server writes headers and body apart; with Nagle on, the client's delayed ACK
        // adds ~40 ms to every call. Real services (Jetty) set TCP_NODELAY too.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String secret;
    private volatile int failStatus;

    protected StandInService(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, answer every call with this status and an ErrorBody (0: behave normally). */
    public void failWith(int status) {
        this.failStatus = status;
    }

    protected abstract void handle(HttpExchange exchange, String method, String path) throws IOException;

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + secret).equals(auth)) {
                send(exchange, 401, ErrorBody.of(401, "unauthorized", "service credential required"));
            } else if (failStatus != 0) {
                send(exchange, failStatus, ErrorBody.of(failStatus, "stand_in_failure", "stand-in told to fail"));
            } else {
                handle(exchange, exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            }
        }
    }

    protected static <T> T read(HttpExchange exchange, Class<T> type) throws IOException {
        return JSON.readValue(exchange.getRequestBody().readAllBytes(), type);
    }

    protected static void send(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
