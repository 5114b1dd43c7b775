package io.serialgate.api.testing;

import com.sun.net.httpserver.HttpExchange;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.ConsoleLog;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.contract.SpawnRequest;
import io.serialgate.common.error.ErrorBody;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * compute-driver's internal contract: spawn, show, destroy, the power actions (start, stop,
 * reboot: 409 invalid_state when the state forbids one, as the real driver), serial console
 * endpoint of port N (409 server_not_running while shut off), and the console log of port N (the
 * lines set with {@link #printed}, tailed as the real driver does).
 */
public final class StandInCompute extends StandInService {

    public static final String HOST = "standin-host";
    public static final int MAX_PORTS = 4;
    public static final int FIRST_PORT = 10000;
    public static final String RUNNING = "running";
    public static final String SHUTOFF = "shutoff";
    private static final Pattern SERVER = Pattern.compile("/v1/servers/([^/]+)");
    private static final Pattern CONSOLE = Pattern.compile("/v1/servers/([^/]+)/serial-consoles/(\\d+)");

    private static final Pattern ACTION = Pattern.compile("/v1/servers/([^/]+)/action");
    private static final Pattern CONSOLE_LOG = Pattern.compile("/v1/servers/([^/]+)/serial-consoles/(\\d+)/log");
    private static final Pattern LINES = Pattern.compile("(?:^|&)lines=(\\d+)(?:&|$)");

    public final Map<String, ComputeInstance> instances = new ConcurrentHashMap<>();
    /** What each instance's port 0 printed, as lines. */
    public final Map<String, List<String>> printed = new ConcurrentHashMap<>();
    /** The {@code lines} of every console log request, in order. */
    public final List<Integer> logLinesAsked = new CopyOnWriteArrayList<>();
    /** The instance uuid of every destroy (DELETE) asked for, known or not, in order. */
    public final List<String> destroysAsked = new CopyOnWriteArrayList<>();
    /** Every action asked for, as "uuid word", in order. */
    public final List<String> actionsAsked = new CopyOnWriteArrayList<>();
    /** When set, console log requests get 501, as from the external driver. */
    public volatile boolean consoleLogNotImplemented;
    /** When set, actions get 501, as from the external driver. */
    public volatile boolean actionsNotImplemented;
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
        Matcher log = CONSOLE_LOG.matcher(path);
        Matcher server = SERVER.matcher(path);
        Matcher action = ACTION.matcher(path);
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
            } else if (SHUTOFF.equals(instance.state())) {
                send(exchange, 409, ErrorBody.of(409, "server_not_running", "Server " + instance.instanceUuid()
                        + " is not running: its serial ports listen only while it runs. Start it, then ask again."));
            } else {
                send(exchange, 200, new SerialConsoleEndpoint(instance.instanceUuid(), index, "127.0.0.1", FIRST_PORT + index));
            }
        } else if ("GET".equals(method) && path.equals("/v1/servers")) {
            send(exchange, 200, List.copyOf(instances.values()));
        } else if ("POST".equals(method) && action.matches()) {
            act(exchange, action.group(1));
        } else if ("GET".equals(method) && server.matches()) {
            ComputeInstance instance = instances.get(server.group(1));
            send(exchange, instance == null ? 404 : 200, instance == null ? ErrorBody.of(404, "not_found", "no such server") : instance);
        } else if ("GET".equals(method) && log.matches()) {
            consoleLog(exchange, log.group(1), Integer.parseInt(log.group(2)));
        } else if ("DELETE".equals(method) && server.matches()) {
            destroysAsked.add(server.group(1));
            boolean known = instances.remove(server.group(1)) != null;
            send(exchange, known ? 204 : 404, known ? null : ErrorBody.of(404, "not_found", "no such server"));
        } else {
            send(exchange, 404, ErrorBody.of(404, "not_found", "no such path " + path));
        }
    }

    /** The real driver's rules: stop only a running server, start only a stopped one, reboot either. */
    private void act(HttpExchange exchange, String instanceUuid) throws IOException {
        Map<?, ?> body = read(exchange, Map.class);
        String word = body.keySet().iterator().next().toString();
        actionsAsked.add(instanceUuid + " " + word);
        ComputeInstance instance = instances.get(instanceUuid);
        if (instance == null) {
            send(exchange, 404, ErrorBody.of(404, "server_not_found", "no such server"));
            return;
        }
        if (actionsNotImplemented) {
            send(exchange, 501, ErrorBody.of(501, "action_unsupported", "The external driver cannot " + word
                    + " server " + instanceUuid + ": serialgate only relays its existing consoles."));
            return;
        }
        boolean running = RUNNING.equals(instance.state());
        if (word.equals("stop") && !running || word.equals("start") && running) {
            send(exchange, 409, ErrorBody.of(409, "invalid_state", "Cannot " + word + " server " + instanceUuid
                    + " while it is " + instance.state() + "."));
            return;
        }
        ComputeInstance after = withState(instance, word.equals("stop") ? SHUTOFF : RUNNING);
        instances.put(instanceUuid, after);
        send(exchange, 200, after);
    }

    /** The guest's state changes behind the api's back (a host reboot, virsh destroy). */
    public void setState(String instanceUuid, String state) {
        instances.computeIfPresent(instanceUuid, (id, instance) -> withState(instance, state));
    }

    private static ComputeInstance withState(ComputeInstance instance, String state) {
        return new ComputeInstance(instance.instanceUuid(), instance.name(), instance.host(), instance.driver(),
                instance.serialPortCount(), state);
    }

    private void consoleLog(HttpExchange exchange, String instanceUuid, int index) throws IOException {
        ComputeInstance instance = instances.get(instanceUuid);
        Matcher lines = LINES.matcher(String.valueOf(exchange.getRequestURI().getRawQuery()));
        if (consoleLogNotImplemented) {
            send(exchange, 501, ErrorBody.of(501, "not_implemented", "the external driver keeps no console log"));
        } else if (instance == null || index >= instance.serialPortCount()) {
            send(exchange, 404, ErrorBody.of(404, "not_found", "no such serial port"));
        } else if (!lines.find()) {
            send(exchange, 400, ErrorBody.of(400, "invalid_input", "lines is required"));
        } else {
            int wanted = Integer.parseInt(lines.group(1));
            logLinesAsked.add(wanted);
            List<String> all = printed.getOrDefault(instanceUuid, List.of());
            List<String> tail = all.subList(Math.max(0, all.size() - wanted), all.size());
            String output = tail.isEmpty() ? "" : String.join("\n", tail) + "\n";
            send(exchange, 200, new ConsoleLog(instanceUuid, index, tail.size(), output));
        }
    }

    /** Sets what the instance printed on port 0. */
    public void print(String instanceUuid, String... lines) {
        printed.put(instanceUuid, Arrays.asList(lines));
    }
}
