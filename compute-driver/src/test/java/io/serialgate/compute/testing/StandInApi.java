package io.serialgate.compute.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.serialgate.common.contract.ApiInternalContract;
import io.serialgate.common.contract.ComputeHostHeartbeat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The api's heartbeat endpoint as a real HTTP server (JDK HttpServer on 127.0.0.1, ephemeral
 * port): records every heartbeat with its Authorization header and answers the status a test
 * sets (204 by default; an error status gets an ErrorBody like the api's).
 */
public final class StandInApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One heartbeat as received. */
    public record Received(String authorization, ComputeHostHeartbeat heartbeat) {}

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile int status = 204;

    public StandInApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(ApiInternalContract.COMPUTE_HOST_HEARTBEAT, this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The status every later heartbeat is answered with. */
    public void answer(int status) {
        this.status = status;
    }

    /** The next heartbeat received, waiting up to {@code seconds}; null when none came. */
    public Received next(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    public List<Received> drain() {
        List<Received> all = new java.util.ArrayList<>();
        received.drainTo(all);
        return all;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                    JSON.readValue(body, ComputeHostHeartbeat.class)));
            int answer = status;
            if (answer == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] error = ("{\"error\":{\"code\":" + answer + ",\"reason\":\"stand_in\",\"message\":\"told to fail\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer, error.length);
                exchange.getResponseBody().write(error);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
