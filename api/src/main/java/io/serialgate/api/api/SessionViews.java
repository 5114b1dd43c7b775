package io.serialgate.api.api;

import io.serialgate.api.core.Server;
import io.serialgate.common.contract.ConsoleSession;
import io.serialgate.common.contract.ConsoleSessionContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Console sessions and serial ports in the api's JSON shapes. */
public final class SessionViews {

    private SessionViews() {}

    /** One session; {@code admin} adds which serialproxy holds it. */
    public static Map<String, Object> session(ConsoleSession s, boolean admin) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", s.sessionId());
        view.put("port_index", s.portIndex());
        view.put("role", s.role());
        view.put("client_address", s.clientAddress());
        view.put("user_agent", s.userAgent());
        view.put("started_at", text(s.startedAt()));
        view.put("last_seen_at", text(s.lastSeenAt()));
        view.put("ended_at", text(s.endedAt()));
        view.put("end_reason", s.endReason());
        view.put("revoked_at", text(s.revokedAt()));
        if (admin) {
            view.put("proxy_id", s.proxyId());
        }
        return view;
    }

    /**
     * Every serial port of the server: {@code in_use} when a writer holds it (a new console
     * connection would be refused as "console in use"), and how many sessions are open on it.
     */
    public static List<Map<String, Object>> ports(Server server, List<ConsoleSession> open) {
        List<Map<String, Object>> ports = new ArrayList<>();
        for (int index = 0; index < server.serialPortCount(); index++) {
            int i = index;
            List<ConsoleSession> onPort = open.stream().filter(s -> s.portIndex() == i).toList();
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("index", index);
            port.put("in_use", onPort.stream().anyMatch(s -> ConsoleSessionContract.ROLE_WRITER.equals(s.role())));
            port.put("open_sessions", onPort.size());
            ports.add(port);
        }
        return ports;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
