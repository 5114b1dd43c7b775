package io.serialgate.api.testing;

import com.sun.net.httpserver.HttpExchange;
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.AuthorizedToken;
import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.contract.RevokeSessionsRequest;
import io.serialgate.common.contract.RevokedSessions;
import io.serialgate.common.contract.SessionPage;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.contract.ValidateTokenRequest;
import io.serialgate.common.error.ErrorBody;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * consoleauth's internal contract: authorize a token, a server's session history (paged as the
 * real one, newest first) and revoke; remembers what it was asked. A revoke ends the open sessions
 * it hits at once, as their proxies would within a heartbeat.
 */
public final class StandInConsoleauth extends StandInService {

    private static final Pattern INSTANCE_SESSIONS = Pattern.compile("/v1/instances/([^/]+)/sessions");
    private static final int DEFAULT_PAGE = 100;

    /** Synchronized, not copy-on-write: the benchmark adds thousands a second. */
    public final List<AuthorizeTokenRequest> authorized = Collections.synchronizedList(new ArrayList<>());
    public final List<RevokeSessionsRequest> revokes = new CopyOnWriteArrayList<>();
    /** Every session, oldest first. */
    private final List<ConsoleSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    /** What each token handed out grants, until {@link #expire}d. */
    private final Map<String, TokenBinding> bindings = new ConcurrentHashMap<>();

    public StandInConsoleauth(String secret) {
        super(secret);
    }

    /** The token the next authorize call hands out. */
    public String nextToken() {
        return "tok-" + (counter.get() + 1);
    }

    /** Records a session, open when {@code open}, else ended as client-closed; returns its id. */
    public String addSession(String instanceUuid, int portIndex, String role, boolean open) {
        String id = UUID.randomUUID().toString();
        Instant started = Instant.now().minusSeconds(60);
        sessions.add(new ConsoleSession(id, "t", instanceUuid, portIndex, "proxy-1", "192.0.2.7", "test-agent", role,
                started, started.plusSeconds(30), open ? null : started.plusSeconds(30), open ? null : "client-closed", null));
        return id;
    }

    /** From now on the token is refused, as an expired one. */
    public void expire(String token) {
        bindings.remove(token);
    }

    public ConsoleSession session(String id) {
        return sessions.stream().filter(s -> s.sessionId().equals(id)).findFirst().orElseThrow();
    }

    @Override
    protected void handle(HttpExchange exchange, String method, String path) throws IOException {
        Matcher history = INSTANCE_SESSIONS.matcher(path);
        if ("POST".equals(method) && path.equals("/v1/tokens")) {
            AuthorizeTokenRequest request = read(exchange, AuthorizeTokenRequest.class);
            authorized.add(request);
            String token = "tok-" + counter.incrementAndGet();
            Instant expires = Instant.now().plusSeconds(600);
            bindings.put(token, new TokenBinding(request.tenantId(), request.instanceUuid(), request.portIndex(),
                    request.host(), request.port(), expires));
            send(exchange, 201, new AuthorizedToken(token, expires));
        } else if ("POST".equals(method) && path.equals("/v1/tokens/validate")) {
            TokenBinding binding = bindings.get(read(exchange, ValidateTokenRequest.class).token());
            send(exchange, binding == null ? 404 : 200,
                    binding == null ? ErrorBody.of(404, "token_unknown", "The console token is not known.") : binding);
        } else if ("GET".equals(method) && history.matches()) {
            send(exchange, 200, page(history.group(1), exchange.getRequestURI().getRawQuery()));
        } else if ("POST".equals(method) && path.equals("/v1/sessions/revoke")) {
            send(exchange, 200, revoke(read(exchange, RevokeSessionsRequest.class)));
        } else {
            send(exchange, 404, ErrorBody.of(404, "not_found", "no such path " + path));
        }
    }

    private SessionPage page(String instance, String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        int limit = params.containsKey("limit") ? Integer.parseInt(params.get("limit")) : DEFAULT_PAGE;
        List<ConsoleSession> newestFirst = new ArrayList<>(sessions.stream()
                .filter(s -> s.instanceUuid().equals(instance)).toList());
        Collections.reverse(newestFirst);
        int from = 0;
        if (params.get("marker") != null) {
            String marker = params.get("marker");
            from = newestFirst.stream().map(ConsoleSession::sessionId).toList().indexOf(marker) + 1;
        }
        List<ConsoleSession> page = newestFirst.subList(Math.min(from, newestFirst.size()),
                Math.min(from + limit, newestFirst.size()));
        boolean more = from + limit < newestFirst.size();
        return new SessionPage(page, more ? page.get(page.size() - 1).sessionId() : null);
    }

    private RevokedSessions revoke(RevokeSessionsRequest request) {
        revokes.add(request);
        List<String> revoked = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < sessions.size(); i++) {
            ConsoleSession s = sessions.get(i);
            boolean hit = request.sessionId() != null
                    ? s.sessionId().equals(request.sessionId())
                    : s.instanceUuid().equals(request.instanceUuid()) && s.portIndex() == request.portIndex();
            if (hit && s.endedAt() == null) {
                sessions.set(i, new ConsoleSession(s.sessionId(), s.tenantId(), s.instanceUuid(), s.portIndex(),
                        s.proxyId(), s.clientAddress(), s.userAgent(), s.role(), s.startedAt(), now, now, "revoked", now));
                revoked.add(s.sessionId());
            }
        }
        return new RevokedSessions(revoked);
    }
}
