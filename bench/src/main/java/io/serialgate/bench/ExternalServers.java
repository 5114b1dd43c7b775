package io.serialgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Registers the fake serial ports as servers through the api, on compute-driver's {@code external}
 * driver (image property {@code serial_endpoints}): {@value #PORTS_PER_SERVER} consoles per server,
 * so 5,000 ports are 157 servers.
 */
final class ExternalServers {

    /** compute.max_serial_ports can be at most 32. */
    static final int PORTS_PER_SERVER = 32;

    /** Where one fake serial port sits in the cloud: a server and its serial port index. */
    record Console(String serverId, int portIndex) {}

    private ExternalServers() {}

    /** Registers every port; the console of each, by fake port number. */
    static Map<Integer, Console> register(ApiCalls api, List<Integer> ports) throws Exception {
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < ports.size(); i += PORTS_PER_SERVER) {
            groups.add(ports.subList(i, Math.min(ports.size(), i + PORTS_PER_SERVER)));
        }
        System.err.printf("bench: registering %d fake serial ports as %d servers (external driver) ...%n",
                ports.size(), groups.size());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Map<Integer, Console>>> created = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                List<Integer> group = groups.get(g);
                String name = "bench-" + g;
                created.add(pool.submit(() -> create(api, name, group)));
            }
            Map<Integer, Console> consoles = new java.util.HashMap<>();
            for (Future<Map<Integer, Console>> future : created) {
                consoles.putAll(future.get());
            }
            return consoles;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Console> create(ApiCalls api, String name, List<Integer> ports) throws Exception {
        String endpoints = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        String id = api.post("/v2.1/servers", Map.of("server", Map.of("name", name, "image_properties",
                Map.of("hw_serial_port_count", Integer.toString(ports.size()), "serial_endpoints", endpoints))), 202)
                .path("server").path("id").asText();
        // Registering an external server is synchronous: it is ACTIVE (or ERROR) once created.
        JsonNode server = api.get("/v2.1/servers/" + id).path("server");
        if (!"ACTIVE".equals(server.path("status").asText())) {
            throw new IllegalStateException("server " + name + " is not ACTIVE: " + server);
        }
        Map<Integer, Console> consoles = new java.util.HashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            consoles.put(ports.get(i), new Console(id, i));
        }
        return consoles;
    }
}
