package io.serialgate.serialproxy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.error.ErrorBody;
import io.serialgate.common.error.SerialgateException;
import io.serialgate.serialproxy.core.ConsoleGate;
import io.serialgate.serialproxy.core.PortClaims;
import io.serialgate.serialproxy.relay.ConsoleViewer;
import io.serialgate.serialproxy.relay.Framing;
import io.serialgate.serialproxy.relay.GuestConnection;
import io.serialgate.serialproxy.relay.RelaySettings;
import io.serialgate.serialproxy.relay.SerialRelay;
import io.serialgate.serialproxy.sessions.ConsoleSessionHandle;
import io.serialgate.serialproxy.sessions.SessionTracker;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every path of the proxy. A websocket upgrade, at any path, is a console: it passes the
 * {@link ConsoleGate} first and is answered with plain HTTP 4xx/5xx and a JSON reason when refused,
 * so the URL the api hands out works both in a browser and as a websocket. Any other GET is a
 * static file (the terminal page), except {@code console-check}, which answers in JSON whether
 * the same upgrade would be admitted (a browser cannot read a refused upgrade's answer).
 */
public final class ConsoleServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    /** The page asks here why its websocket was refused: {@code <dir>/console-check?token=...}. */
    public static final String PROBE = "console-check";

    private final transient ConsoleGate<SerialRelay> gate;
    private final transient StaticFiles files;
    private final transient RelaySettings settings;
    private final transient SessionTracker sessions;
    private transient JettyWebSocketServerContainer container;

    public ConsoleServlet(ConsoleGate<SerialRelay> gate, StaticFiles files, RelaySettings settings,
            SessionTracker sessions) {
        this.sessions = sessions;
        this.gate = gate;
        this.files = files;
        this.settings = settings;
    }

    @Override
    public void init() throws ServletException {
        container = JettyWebSocketServerContainer.getContainer(getServletContext());
        if (container == null) {
            throw new ServletException("websocket container missing: JettyWebSocketServletContainerInitializer not configured");
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            openConsole(req, resp);
        } else if ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) {
            serveFile(req, resp);
        } else {
            resp.setHeader("Allow", "GET, HEAD");
            writeError(resp, 405, "method_not_allowed", "Only GET (the terminal page) and websocket upgrades are served here.");
        }
    }

    private void openConsole(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long requestedAt = System.nanoTime();
        String remote = req.getRemoteAddr() + ":" + req.getRemotePort();
        if (settings.registry().isStopping()) {
            writeError(resp, 503, "shutting_down", "proxy shutting down");
            return;
        }
        ConsoleGate.Admission<SerialRelay> admission;
        try {
            admission = gate.admit(token(req), req.getHeader("Origin"), req.getHeader("Host"),
                    offeredSubprotocols(req), req.getParameter("mode"), remote, req.getHeader("User-Agent"));
        } catch (SerialgateException e) {
            settings.metrics().refused(e.reason());
            LOG.info("event=console_refused status={} reason={} remote={}", e.status(), e.reason(), remote);
            writeError(resp, e.status(), e.reason(), e.getMessage());
            return;
        }
        boolean writer = admission.mode() == ConsoleGate.Mode.WRITE;
        // The guest connect runs while the upgrade is answered.
        GuestConnection guest = writer
                ? settings.guests().connect(admission.binding().host(), admission.binding().port()) : null;
        boolean upgraded = false;
        try {
            upgraded = container.upgrade((upgradeRequest, upgradeResponse) -> {
                if (admission.subprotocol() != null) {
                    upgradeResponse.setAcceptedSubProtocol(admission.subprotocol());
                }
                PortClaims<SerialRelay>.Claim claim = admission.claim();
                Framing framing = Framing.of(admission.subprotocol());
                ConsoleSessionHandle session = sessions.handle(admission.sessionId());
                return writer
                        ? new SerialRelay(admission.binding(), claim, remote, settings, requestedAt, framing, session, guest)
                        : new ConsoleViewer(claim.console(), remote, settings, framing, session);
            }, req, resp);
        } finally {
            if (!upgraded) {
                if (writer) {
                    guest.close();
                    admission.claim().release();
                }
                sessions.handle(admission.sessionId()).ended("browser", 1002, "upgrade failed");
            }
        }
        if (!upgraded && !resp.isCommitted()) {
            writeError(resp, 400, "bad_upgrade", "not a valid websocket upgrade request");
        }
    }

    /** {@code ?token=} first; a {@code token} cookie as fallback (for pages that keep the URL clean). */
    static String token(HttpServletRequest req) {
        String token = req.getParameter("token");
        if (token != null && !token.isBlank()) {
            return token;
        }
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("token".equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
                    return cookie.getValue();
                }
            }
        }
        return token;
    }

    private static List<String> offeredSubprotocols(HttpServletRequest req) {
        List<String> offered = new ArrayList<>();
        for (String header : Collections.list(req.getHeaders("Sec-WebSocket-Protocol"))) {
            for (String p : header.split(",")) {
                if (!p.isBlank()) {
                    offered.add(p.trim());
                }
            }
        }
        return offered;
    }

    private void serveFile(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? req.getServletPath() : req.getPathInfo();
        if (path.equals("/" + PROBE) || path.endsWith("/" + PROBE)) {
            probe(req, resp);
            return;
        }
        Optional<StaticFiles.Asset> found = files.open(path);
        if (found.isEmpty()) {
            writeError(resp, 404, "not_found", "No such file here; the terminal page is serial.html.");
            return;
        }
        StaticFiles.Asset asset = found.get();
        try (InputStream in = asset.body()) {
            resp.setStatus(200);
            resp.setContentType(asset.contentType());
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setHeader("Cache-Control", "no-cache");
            if (asset.html()) {
                // The page's URL carries the console token: never let it leak through Referer.
                resp.setHeader("Referrer-Policy", "no-referrer");
                resp.setHeader("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; "
                        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'");
            }
            if ("HEAD".equals(req.getMethod())) {
                return;
            }
            OutputStream out = resp.getOutputStream();
            in.transferTo(out);
        }
    }

    private void probe(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            gate.probe(token(req), req.getHeader("Origin"), req.getHeader("Host"), req.getParameter("mode"));
        } catch (SerialgateException e) {
            writeError(resp, e.status(), e.reason(), e.getMessage());
            return;
        }
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write("{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void writeError(HttpServletResponse resp, int status, String reason, String message) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.reset();
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), ErrorBody.of(status, reason, message));
    }
}
