package io.serialgate.serialproxy.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.contract.ConsoleSessionContract;
import io.serialgate.common.contract.ConsoleauthContract;
import io.serialgate.common.contract.EndSessionRequest;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.contract.OpenedSession;
import io.serialgate.common.contract.ProxyHeartbeat;
import io.serialgate.common.contract.ProxyHeartbeatAnswer;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.contract.ValidateTokenRequest;
import io.serialgate.common.error.ErrorBody;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP stand-in for consoleauth: token validation and the console-session API (open with
 * the one-writer rule, end, proxy heartbeat answering revoked sessions, proxy incarnations),
 * speaking the common contract and checking the service credential like the real service. State
 * is in memory.
 */
public final class FakeConsoleauth implements AutoCloseable {

    public static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final Set<String> END_REASONS = Set.of(
            "client-closed", "guest-closed", "revoked", "idle-timeout", "token-expired", "proxy-shutdown");
    private static final Pattern END = Pattern.compile("/v1/sessions/([^/]+)/end");
    private static final Pattern HEARTBEAT = Pattern.compile("/v1/proxies/([^/]+)/heartbeat");

    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private final HttpServer server;
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private final Map<String, String> instances = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> heartbeats = new ConcurrentHashMap<>();
    private final AtomicInteger validations = new AtomicInteger();
    private final AtomicBoolean leaseLostOnce = new AtomicBoolean();
    /** Each proxy's current incarnation, as its latest starting heartbeat announced it. */
    private final Map<String, String> incarnations = new ConcurrentHashMap<>();

    /** One session as the stand-in keeps it. */
    public static final class Session {
        final String id;
        final TokenBinding binding;
        final String role;
        final String proxyId;
        final String clientAddress;
        final String incarnation;
        final Instant startedAt = Instant.now();
        volatile String endReason;
        volatile boolean revoked;

        Session(String id, TokenBinding binding, String role, String proxyId, String clientAddress, String incarnation) {
            this.id = id;
            this.binding = binding;
            this.role = role;
            this.proxyId = proxyId;
            this.clientAddress = clientAddress;
            this.incarnation = incarnation;
        }

        public String id() { return id; }
        public String role() { return role; }
        public String proxyId() { return proxyId; }
        public String endReason() { return endReason; }
        public String token() { return null; }

        ConsoleSession view() {
            return new ConsoleSession(id, binding.tenantId(), binding.instanceUuid(), binding.portIndex(), proxyId,
                    clientAddress, null, role, startedAt, Instant.now(), endReason == null ? null : Instant.now(),
                    endReason, revoked ? Instant.now() : null);
        }
    }

    /** How long each session end takes to be recorded (a busy consoleauth). */
    private volatile Duration endDelay = Duration.ZERO;

    public FakeConsoleauth() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext(ConsoleauthContract.VALIDATE, this::validate);
        server.createContext("/v1/sessions", this::sessions);
        server.createContext("/v1/proxies/", this::heartbeat);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A fresh valid token for host:port (one server per host:port, so tokens for it share the writer slot). */
    public String grant(String host, int port) {
        return grant(host, port, Instant.now().plusSeconds(600));
    }

    /** A fresh token for host:port that says it expires at the given time. */
    public String grant(String host, int port, Instant expiresAt) {
        String token = "tok-" + UUID.randomUUID();
        String instance = instances.computeIfAbsent(host + ":" + port, k -> UUID.randomUUID().toString());
        answers.put(token, new TokenBinding("tenant-1", instance, 0, host, port, expiresAt));
        return token;
    }

    /** A token consoleauth answers with the given status and reason. */
    public String refuse(int status, String reason) {
        String token = "tok-" + UUID.randomUUID();
        answers.put(token, ErrorBody.of(status, reason, "stand-in refusal " + reason));
        return token;
    }

    /** Token checks: validate and session-open calls. */
    public int validations() {
        return validations.get();
    }

    /** The server uuid the stand-in uses for host:port's tokens. */
    public String instanceOf(String host, int port) {
        return instances.computeIfAbsent(host + ":" + port, k -> UUID.randomUUID().toString());
    }

    public List<Session> sessionsOf(String host, int port) {
        List<Session> found = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.binding.host().equals(host) && s.binding.port() == port) {
                found.add(s);
            }
        }
        found.sort((a, b) -> a.startedAt.compareTo(b.startedAt));
        return found;
    }

    /** Force disconnect, as api's revoke does: the proxy learns it at its next heartbeat. */
    public void revoke(String sessionId) {
        sessions.get(sessionId).revoked = true;
    }

    /**
     * An open writer session of host:port's serial port held by {@code proxyId} under an
     * incarnation no live process has: what a proxy killed with SIGKILL leaves behind.
     */
    public String strandWriter(String host, int port, String proxyId) {
        TokenBinding binding = (TokenBinding) answers.get(grant(host, port));
        Session session = new Session(UUID.randomUUID().toString(), binding, "writer", proxyId, "192.0.2.99:41000",
                UUID.randomUUID().toString());
        sessions.put(session.id, session);
        return session.id;
    }

    /** The incarnation {@code proxyId} announced last, or null. */
    public String incarnationOf(String proxyId) {
        return incarnations.get(proxyId);
    }

    /** The next heartbeat answers lease_lost (and ends that proxy's open sessions as proxy-lost). */
    public void loseLeaseOnce() {
        leaseLostOnce.set(true);
    }

    public int heartbeats(String proxyId) {
        AtomicInteger n = heartbeats.get(proxyId);
        return n == null ? 0 : n.get();
    }

    public Set<String> proxies() {
        return heartbeats.keySet();
    }

    /** From now on each session end report takes this long to be answered and recorded. */
    public void delayEnds(Duration delay) {
        endDelay = delay;
    }

    /** Waits for a session's end reason to be reported; null if it was not within the time. */
    public String awaitEndReason(String sessionId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String reason = sessions.get(sessionId).endReason;
            if (reason != null) {
                return reason;
            }
            Thread.sleep(10);
        }
        return null;
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + SECRET).equals(auth)) {
            send(exchange, 401, ErrorBody.of(401, "unauthorized", "service credential required"));
            return false;
        }
        return true;
    }

    /** The token's binding, or null after answering the refusal. */
    private TokenBinding binding(HttpExchange exchange, String token) throws IOException {
        validations.incrementAndGet();
        Object answer = token == null ? null : answers.get(token);
        if (answer == null) {
            send(exchange, 404, ErrorBody.of(404, "token_unknown", "unknown token"));
            return null;
        }
        if (answer instanceof ErrorBody error) {
            send(exchange, error.error().code(), error);
            return null;
        }
        return (TokenBinding) answer;
    }

    private void validate(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            ValidateTokenRequest request = JSON.readValue(exchange.getRequestBody(), ValidateTokenRequest.class);
            TokenBinding binding = binding(exchange, request.token());
            if (binding != null) {
                send(exchange, 200, binding);
            }
        }
    }

    private void sessions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals(ConsoleSessionContract.SESSIONS) && "POST".equals(exchange.getRequestMethod())) {
                open(exchange);
                return;
            }
            Matcher end = END.matcher(path);
            if (end.matches() && "POST".equals(exchange.getRequestMethod())) {
                end(exchange, end.group(1));
                return;
            }
            send(exchange, 404, ErrorBody.of(404, "not_found", "no such endpoint in the stand-in"));
        }
    }

    private synchronized void open(HttpExchange exchange) throws IOException {
        OpenSessionRequest request = JSON.readValue(exchange.getRequestBody(), OpenSessionRequest.class);
        if (request.proxyId() == null || request.proxyId().isBlank() || request.clientAddress() == null
                || request.role() == null || !(request.role().equals("writer") || request.role().equals("viewer"))) {
            send(exchange, 400, ErrorBody.of(400, "invalid_input", "proxy_id, client_address, role are required"));
            return;
        }
        TokenBinding binding = binding(exchange, request.token());
        if (binding == null) {
            return;
        }
        if (request.role().equals("writer")) {
            for (Session s : sessions.values()) {
                if (s.endReason == null && s.role.equals("writer") && s.binding.instanceUuid().equals(binding.instanceUuid())
                        && s.binding.portIndex() == binding.portIndex()) {
                    send(exchange, 409, ErrorBody.of(409, "console_in_use", "console in use: serial port "
                            + binding.portIndex() + " of server " + binding.instanceUuid() + " has a writer since "
                            + s.startedAt + " by " + s.clientAddress));
                    return;
                }
            }
        }
        Session session = new Session(UUID.randomUUID().toString(), binding, request.role(), request.proxyId(),
                request.clientAddress(), incarnations.get(request.proxyId()));
        sessions.put(session.id, session);
        send(exchange, 201, new OpenedSession(session.view(), binding));
    }

    private void end(HttpExchange exchange, String sessionId) throws IOException {
        try {
            Thread.sleep(endDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Session session = sessions.get(sessionId);
        if (session == null) {
            send(exchange, 404, ErrorBody.of(404, "session_unknown", "No such console session."));
            return;
        }
        EndSessionRequest request = JSON.readValue(exchange.getRequestBody(), EndSessionRequest.class);
        if (request == null || !END_REASONS.contains(request.reason())) {
            send(exchange, 400, ErrorBody.of(400, "invalid_input", "reason: must be one of " + END_REASONS));
            return;
        }
        synchronized (session) {
            if (session.endReason == null) {
                session.endReason = request.reason();
            }
        }
        send(exchange, 200, session.view());
    }

    private void heartbeat(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            Matcher m = HEARTBEAT.matcher(exchange.getRequestURI().getPath());
            if (!m.matches() || !"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 404, ErrorBody.of(404, "not_found", "no such endpoint in the stand-in"));
                return;
            }
            String proxyId = m.group(1);
            byte[] body = exchange.getRequestBody().readAllBytes();
            ProxyHeartbeat beat = body.length == 0 ? null : JSON.readValue(body, ProxyHeartbeat.class);
            heartbeats.computeIfAbsent(proxyId, k -> new AtomicInteger()).incrementAndGet();
            if (beat != null && beat.starting()) {
                announce(proxyId, beat.incarnation());
            } else if (beat != null && incarnations.containsKey(proxyId)
                    && !incarnations.get(proxyId).equals(beat.incarnation())) {
                send(exchange, 200, new ProxyHeartbeatAnswer(List.of(), true)); // superseded
                return;
            }
            boolean lost = leaseLostOnce.compareAndSet(true, false);
            List<String> revoked = new ArrayList<>();
            for (Session s : sessions.values()) {
                if (s.proxyId.equals(proxyId) && s.endReason == null) {
                    if (lost) {
                        s.endReason = "proxy-lost";
                    } else if (s.revoked) {
                        revoked.add(s.id);
                    }
                }
            }
            send(exchange, 200, new ProxyHeartbeatAnswer(revoked, lost));
        }
    }

    /** A process of {@code proxyId} starts: what earlier ones left open ends as proxy-lost. */
    private synchronized void announce(String proxyId, String incarnation) {
        incarnations.put(proxyId, incarnation);
        for (Session s : sessions.values()) {
            if (s.proxyId.equals(proxyId) && s.endReason == null && !incarnation.equals(s.incarnation)) {
                s.endReason = "proxy-lost";
            }
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
