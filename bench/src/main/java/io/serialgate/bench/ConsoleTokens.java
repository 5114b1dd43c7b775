package io.serialgate.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One console token per fake serial port, asked of the api exactly as a user asks for a console
 * URL (Nova's {@code os-getSerialConsole} action). Minted before anything is timed; tokens are
 * reusable until they expire, so one per port serves every phase and round.
 */
final class ConsoleTokens {

    private final Map<Integer, String> byPort = new ConcurrentHashMap<>();

    private ConsoleTokens() {}

    static ConsoleTokens mint(ApiCalls api, Map<Integer, ExternalServers.Console> consoles) throws Exception {
        System.err.printf("bench: asking the api for %d console URLs ...%n", consoles.size());
        ConsoleTokens tokens = new ConsoleTokens();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> pending = new ArrayList<>();
            consoles.forEach((port, console) -> pending.add(pool.submit(() -> {
                String url = api.post("/v2.1/servers/" + console.serverId() + "/action", Map.of("os-getSerialConsole",
                        Map.of("type", "serial", "port", console.portIndex())), 200).path("console").path("url").asText();
                tokens.byPort.put(port, tokenOf(url));
                return null;
            })));
            for (Future<?> future : pending) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return tokens;
    }

    /** The token of the console on this fake serial port. */
    String of(int serialPort) {
        String token = byPort.get(serialPort);
        if (token == null) {
            throw new IllegalArgumentException("no console registered for fake serial port " + serialPort);
        }
        return token;
    }

    private static String tokenOf(String consoleUrl) {
        String query = URI.create(consoleUrl).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("token=")) {
                return pair.substring("token=".length());
            }
        }
        throw new IllegalStateException("the api's console URL carries no token");
    }
}
