package io.serialgate.api.testing;

import com.sun.net.httpserver.HttpExchange;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.contract.SpawnRequest;
import io.serialgate.common.error.ErrorBody;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** compute-driver's internal contract: spawn, destroy, serial console endpoint of port N. */
public final class StandInCompute extends StandInService {

    public static final String HOST = "standin-host";
    public static final int MAX_PORTS = 4;
    public static final int FIRST_PORT = 10000;
    private static final Pattern SERVER = Pattern.compile("/v1/servers/([^/]+)");
    private static final Pattern CONSOLE = Pattern.compile("/v1/servers/([^/]+)/serial-consoles/(\\d+)");

    public final Map<String, ComputeInstance> instances = new ConcurrentHashMap<>();
    private final String host;

    public StandInCompute(String secret) {
        this(secret, HOST);
    }

    /** A stand-in compute host naming itself {@code host}. */
    public StandInCompute(String secret, String host) {
        super(secret);
        this.host = host;
    }

    public String host() {
        return host;
    }

    @Override
    protected void handle(HttpExchange exchange, String method, String path) throws IOException {
        Matcher console = CONSOLE.matcher(path);
        Matcher server = SERVER.matcher(path);
        if ("POST".equals(method) && path.equals("/v1/servers")) {
            SpawnRequest request = read(exchange, SpawnRequest.class);
            int ports = Integer.parseInt(request.imageProperties().getOrDefault("hw_serial_port_count", "1"));
            if (ports > MAX_PORTS) {
                send(exchange, 400, ErrorBody.of(400, "invalid_input", "hw_serial_port_count must lie in 1-" + MAX_PORTS));
                return;
            }
            ComputeInstance instance = new ComputeInstance(request.instanceUuid(), request.name(), host, "fake", ports, "running");
            instances.put(request.instanceUuid(), instance);
            send(exchange, 201, instance);
        } else if ("GET".equals(method) && console.matches()) {
            ComputeInstance instance = instances.get(console.group(1));
            int index = Integer.parseInt(console.group(2));
            if (instance == null || index >= instance.serialPortCount()) {
                send(exchange, 404, ErrorBody.of(404, "not_found", "no such serial port"));
            } else {
                send(exchange, 200, new SerialConsoleEndpoint(instance.instanceUuid(), index, "127.0.0.1", FIRST_PORT + index));
            }
        } else if ("DELETE".equals(method) && server.matches()) {
            boolean known = instances.remove(server.group(1)) != null;
            send(exchange, known ? 204 : 404, known ? null : ErrorBody.of(404, "not_found", "no such server"));
        } else {
            send(exchange, 404, ErrorBody.of(404, "not_found", "no such path " + path));
        }
    }
}
