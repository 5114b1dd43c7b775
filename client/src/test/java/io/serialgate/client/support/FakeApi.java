package io.serialgate.client.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server (the JDK's, on 127.0.0.1 and an ephemeral port) that answers the public API
 * the client uses, with the same JSON shapes and Nova fault bodies as the real api: enough state
 * to list, show, create, delete servers and hand out console URLs pointing at a test proxy.
 * Every request is recorded so tests can check what the client sent.
 */
public final class FakeApi implements AutoCloseable {

    public static final String TOKEN = "test-api-key";

    public record Recorded(String method, String uri, String token, JsonNode body) {
    }

    private record Fault(int status, String key, String message) {
    }

    private static final Pattern SERVER = Pattern.compile("/v2\\.1/servers/([^/]+)");
    private static final Pattern CONSOLE = Pattern.compile("/v3/servers/([^/]+)/get-serial-console");
    private static final Pattern SESSIONS = Pattern.compile("/v2\\.1/servers/([^/]+)/serial-console-sessions(?:/([^/]+))?");
    private static final Pattern ACTION = Pattern.compile("/v2\\.1/servers/([^/]+)/action");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer http;
    private final Map<String, ObjectNode> servers = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> locked = ConcurrentHashMap.newKeySet();
    private final Map<String, List<ObjectNode>> sessions = new ConcurrentHashMap<>();
    private volatile String consoleLog = "";
    private volatile Fault nextFault;
    private volatile String consoleBaseUrl = "http://127.0.0.1:6083/serial.html";

    private final String scheme;

    public FakeApi() throws IOException {
        this(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), "http");
    }

    /** The same api over HTTPS, with the server certificate of this TLS context. */
    public static FakeApi overTls(SSLContext tls) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new FakeApi(https, "https");
    }

    private FakeApi(HttpServer http, String scheme) {
        this.http = http;
        this.scheme = scheme;
        http.createContext("/", this::handle);
        http.start();
    }

    public String url() {
        return scheme + "://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Adds a server with this name and number of serial ports; returns its id. */
    public String addServer(String name, int serialPorts) {
        String id = UUID.randomUUID().toString();
        ObjectNode server = json.createObjectNode();
        server.put("id", id);
        server.put("name", name);
        server.put("status", "ACTIVE");
        server.put("tenant_id", "admin");
        server.put("created", "2026-11-26T00:00:00Z");
        server.put("serial_port_count", serialPorts);
        server.putArray("links").addObject().put("rel", "self").put("href", url() + "/v2.1/servers/" + id);
        servers.put(id, server);
        return id;
    }

    /** Adds a live console session on a port of a server; returns the session id. */
    public String addSession(String serverId, int port) {
        String id = UUID.randomUUID().toString();
        ObjectNode session = json.createObjectNode();
        session.put("id", id);
        session.put("port", port);
        session.put("role", "writer");
        session.put("client_address", "127.0.0.1");
        session.put("started_at", "2026-11-26T00:10:00Z");
        session.putNull("ended_at");
        sessions.computeIfAbsent(serverId, k -> new CopyOnWriteArrayList<>()).add(session);
        return id;
    }

    /** Sessions of a server, ended ones included. */
    public List<ObjectNode> sessions(String serverId) {
        return sessions.getOrDefault(serverId, List.of());
    }

    /** What os-getConsoleOutput answers (its last lines when a length is asked). */
    public void consoleLog(String text) {
        consoleLog = text;
    }

    /** DELETE of this server answers 409, as for a server in a state that forbids it. */
    public void lock(String id) {
        locked.add(id);
    }

    /** The next request (after the token check) answers this Nova fault. */
    public void failNext(int status, String faultKey, String message) {
        nextFault = new Fault(status, faultKey, message);
    }

    /** Console URLs will be {@code base?token=...}; point it at a test proxy. */
    public void consoleBaseUrl(String base) {
        consoleBaseUrl = base;
    }

    public static String tokenFor(String serverId, int port) {
        return "console-" + serverId + "-" + port;
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public Map<String, ObjectNode> servers() {
        return servers;
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            String token = exchange.getRequestHeaders().getFirst("X-Auth-Token");
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = null;
            if (raw.length > 0) {
                try {
                    body = json.readTree(raw);
                } catch (IOException e) {
                    fault(exchange, 400, "badRequest", "Malformed request body");
                    return;
                }
            }
            requests.add(new Recorded(method, uri.toString(), token, body));
            if (!TOKEN.equals(token)) {
                fault(exchange, 401, "unauthorized", "The request you have made requires authentication.");
                return;
            }
            Fault fault = nextFault;
            if (fault != null) {
                nextFault = null;
                fault(exchange, fault.status(), fault.key(), fault.message());
                return;
            }
            route(exchange, method, path, uri.getRawQuery(), body);
        }
    }

    private void route(HttpExchange exchange, String method, String path, String query, JsonNode body) throws IOException {
        Matcher server = SERVER.matcher(path);
        Matcher console = CONSOLE.matcher(path);
        Matcher sessionsPath = SESSIONS.matcher(path);
        Matcher action = ACTION.matcher(path);
        if ((sessionsPath.matches() || action.matches())
                && !servers.containsKey(sessionsPath.matches() ? sessionsPath.group(1) : action.group(1))) {
            fault(exchange, 404, "itemNotFound", "Instance could not be found.");
        } else if (sessionsPath.matches() && sessionsPath.group(2) == null && method.equals("GET")) {
            boolean all = "all=1".equals(query);
            ArrayNode list = json.createArrayNode();
            sessions(sessionsPath.group(1)).stream().filter(s -> all || s.path("ended_at").isNull()).forEach(list::add);
            respond(exchange, 200, json.createObjectNode().set("serial_console_sessions", list));
        } else if (sessionsPath.matches() && sessionsPath.group(2) != null && method.equals("DELETE")) {
            ObjectNode session = sessions(sessionsPath.group(1)).stream()
                    .filter(s -> s.path("id").asText().equals(sessionsPath.group(2))).findFirst().orElse(null);
            if (session == null) {
                fault(exchange, 404, "itemNotFound", "Console session " + sessionsPath.group(2) + " could not be found.");
            } else {
                session.put("ended_at", "2026-11-26T00:20:00Z");
                exchange.sendResponseHeaders(202, -1);
            }
        } else if (action.matches() && method.equals("POST")) {
            serverAction(exchange, action.group(1), body);
        } else if (path.equals("/v2.1/servers") && method.equals("GET")) {
            listServers(exchange, query, false);
        } else if (path.equals("/v2.1/servers/detail") && method.equals("GET")) {
            listServers(exchange, query, true);
        } else if (path.equals("/v2.1/servers") && method.equals("POST")) {
            createServer(exchange, body);
        } else if (server.matches() && method.equals("GET")) {
            ObjectNode found = servers.get(server.group(1));
            if (found == null) {
                fault(exchange, 404, "itemNotFound", "Instance " + server.group(1) + " could not be found.");
            } else {
                respond(exchange, 200, json.createObjectNode().set("server", found));
            }
        } else if (server.matches() && method.equals("DELETE")) {
            String id = server.group(1);
            if (!servers.containsKey(id)) {
                fault(exchange, 404, "itemNotFound", "Instance " + id + " could not be found.");
            } else if (locked.contains(id)) {
                fault(exchange, 409, "conflictingRequest", "Instance " + id + " is locked.");
            } else {
                servers.remove(id);
                exchange.sendResponseHeaders(204, -1);
            }
        } else if (console.matches() && method.equals("POST")) {
            serialConsole(exchange, console.group(1), body);
        } else {
            fault(exchange, 404, "itemNotFound", "The resource could not be found.");
        }
    }

    private void serverAction(HttpExchange exchange, String id, JsonNode body) throws IOException {
        if (body != null && body.has("os-resetSerialConsole")) {
            int port = body.path("os-resetSerialConsole").path("port").asInt(-1);
            if (port < 0 || port >= servers.get(id).path("serial_port_count").asInt()) {
                fault(exchange, 400, "badRequest", "Serial port " + port + " does not exist.");
                return;
            }
            sessions(id).stream().filter(s -> s.path("port").asInt() == port).forEach(s -> s.put("ended_at", "2026-11-26T00:20:00Z"));
            exchange.sendResponseHeaders(202, -1);
        } else if (body != null && body.has("os-getConsoleOutput")) {
            JsonNode length = body.path("os-getConsoleOutput").path("length");
            String[] lines = consoleLog.split("(?<=\n)");
            int from = length.isInt() ? Math.max(0, lines.length - length.asInt()) : 0;
            String output = String.join("", java.util.Arrays.asList(lines).subList(from, lines.length));
            respond(exchange, 200, json.createObjectNode().put("output", output));
        } else if (body != null && (body.has("os-start") || body.has("os-stop") || body.has("reboot"))) {
            powerAction(exchange, servers.get(id), body);
        } else {
            fault(exchange, 400, "badRequest", "Unknown server action.");
        }
    }

    /** The api's rules: stop an ACTIVE server, start a SHUTOFF one, soft reboot an ACTIVE one, hard reboot either. */
    private void powerAction(HttpExchange exchange, ObjectNode server, JsonNode body) throws IOException {
        String status = server.path("status").asText();
        String word = body.has("os-start") ? "start" : body.has("os-stop") ? "stop" : "reboot";
        boolean hard = "HARD".equals(body.path("reboot").path("type").asText());
        boolean allowed = switch (word) {
            case "start" -> status.equals("SHUTOFF");
            case "stop" -> status.equals("ACTIVE");
            default -> hard || status.equals("ACTIVE");
        };
        if (!allowed) {
            fault(exchange, 409, "conflictingRequest", "Cannot '" + word + "' instance " + server.path("id").asText()
                    + " while it is in vm_state " + (status.equals("ACTIVE") ? "active" : "stopped") + " (status " + status + ").");
            return;
        }
        server.put("status", word.equals("stop") ? "SHUTOFF" : "ACTIVE");
        exchange.sendResponseHeaders(202, -1);
    }

    private void listServers(HttpExchange exchange, String query, boolean detailed) throws IOException {
        String name = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("name=")) {
                    name = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                }
            }
        }
        ArrayNode list = json.createArrayNode();
        synchronized (servers) {
            for (ObjectNode server : servers.values()) {
                if (name != null && !server.path("name").asText().equals(name)) {
                    continue;
                }
                if (detailed) {
                    list.add(server);
                } else {
                    ObjectNode summary = list.addObject();
                    summary.put("id", server.path("id").asText());
                    summary.put("name", server.path("name").asText());
                    summary.set("links", server.path("links"));
                }
            }
        }
        respond(exchange, 200, json.createObjectNode().set("servers", list));
    }

    private void createServer(HttpExchange exchange, JsonNode body) throws IOException {
        String name = body == null ? "" : body.path("server").path("name").asText("");
        if (name.isBlank()) {
            fault(exchange, 400, "badRequest", "Invalid input for field/attribute name.");
            return;
        }
        int ports = body.path("server").path("image_properties").path("hw_serial_port_count").asInt(1);
        String id = addServer(name, ports);
        ObjectNode answer = json.createObjectNode();
        answer.putObject("server").put("id", id).set("links", servers.get(id).path("links"));
        respond(exchange, 202, answer);
    }

    private void serialConsole(HttpExchange exchange, String id, JsonNode body) throws IOException {
        ObjectNode server = servers.get(id);
        if (server == null) {
            fault(exchange, 404, "itemNotFound", "Instance " + id + " could not be found.");
            return;
        }
        if (body == null || !"serial".equals(body.path("type").asText())) {
            fault(exchange, 400, "badRequest", "Unavailable console type " + (body == null ? null : body.path("type").asText()) + ".");
            return;
        }
        int port = body.path("port").asInt(0);
        if (port >= server.path("serial_port_count").asInt()) {
            fault(exchange, 400, "badRequest", "Serial port " + port + " does not exist: the server has "
                    + server.path("serial_port_count").asInt() + ".");
            return;
        }
        ObjectNode answer = json.createObjectNode();
        answer.putObject("serial_console").put("type", "serial").put("url", consoleBaseUrl + "?token=" + tokenFor(id, port));
        respond(exchange, 202, answer);
    }

    private void fault(HttpExchange exchange, int status, String key, String message) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.putObject(key).put("code", status).put("message", message);
        respond(exchange, status, body);
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
