package io.serialgate.client.support;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A real websocket server standing in for serialproxy: Jetty 12 on 127.0.0.1, any path, token
 * from {@code ?token=}, subprotocol {@code binary}. It echoes every binary frame back (a guest
 * whose terminal echoes), refuses unknown tokens with HTTP 403, and can be told to close the
 * session after the first frame with a given code and reason (a revoke, a guest shutdown).
 */
public final class EchoProxy implements AutoCloseable {

    /** A close the proxy sends after echoing the first frame. */
    public record CloseAfterFirstFrame(int code, String reason) {
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> busyTokens = ConcurrentHashMap.newKeySet();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<String> origins = new CopyOnWriteArrayList<>();
    private final List<String> modes = new CopyOnWriteArrayList<>();
    private final List<Integer> clientCloseCodes = new CopyOnWriteArrayList<>();
    private volatile CloseAfterFirstFrame closeAfterFirstFrame;

    public EchoProxy() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container ->
                container.addMapping("/*", (request, response, callback) -> {
                    String token = queryParameter(request.getHttpURI().getQuery(), "token");
                    if (token == null || !validTokens.contains(token)) {
                        refuse(response, callback, 403, "invalid token");
                        return null;
                    }
                    if (busyTokens.contains(token)) {
                        refuse(response, callback, 409, "console in use");
                        return null;
                    }
                    origins.add(String.valueOf(request.getHeaders().get("Origin")));
                    modes.add(String.valueOf(queryParameter(request.getHttpURI().getQuery(), "mode")));
                    if (request.hasSubProtocol("binary")) {
                        response.setAcceptedSubProtocol("binary");
                    }
                    return new Echo();
                }));
        context.setHandler(upgrade);
        server.setHandler(context);
        server.start();
    }

    /** The base URL the api should hand out (the serial.html page of this proxy). */
    public String consoleBaseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/serial.html";
    }

    public void allow(String token) {
        validTokens.add(token);
    }

    /** Upgrades with this token are refused with 409, as serialproxy refuses a second writer. */
    public void busy(String token) {
        busyTokens.add(token);
    }

    public void closeAfterFirstFrame(int code, String reason) {
        closeAfterFirstFrame = new CloseAfterFirstFrame(code, reason);
    }

    /** Every byte the client sent, across sessions. */
    public byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    public List<String> origins() {
        return origins;
    }

    /** The {@code mode} query parameter of each accepted connection ("null" when absent). */
    public List<String> modes() {
        return modes;
    }

    /** Close codes of the closes the client started. */
    public List<Integer> clientCloseCodes() {
        return clientCloseCodes;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Refuses the upgrade before any 101 with a JSON reason, the way serialproxy does. */
    private static void refuse(Response response, org.eclipse.jetty.util.Callback callback, int status, String reason) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json");
        String body = "{\"error\": {\"code\": " + status + ", \"reason\": \"" + reason.replace(' ', '_')
                + "\", \"message\": \"" + reason + "\"}}";
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** One session: Jetty calls these on its own threads, one frame at a time (auto-demanding). */
    public final class Echo implements Session.Listener.AutoDemanding {

        private Session session;
        private boolean first = true;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            synchronized (received) {
                received.writeBytes(bytes);
            }
            CloseAfterFirstFrame close = first ? closeAfterFirstFrame : null;
            first = false;
            session.sendBinary(ByteBuffer.wrap(bytes), Callback.from(() -> {
                callback.succeed();
                if (close != null) {
                    session.close(close.code(), close.reason(), Callback.NOOP);
                }
            }, callback::fail));
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            clientCloseCodes.add(statusCode);
        }
    }
}
