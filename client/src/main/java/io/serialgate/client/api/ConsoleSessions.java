package io.serialgate.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serialgate.client.ClientFailure;
import java.util.Iterator;
import java.util.Map;

/**
 * A server's serial console sessions and force-disconnect (the api's hung-session endpoints):
 * {@code GET /v2.1/servers/{id}/serial-console-sessions[?all=1]},
 * {@code DELETE .../serial-console-sessions/{session_id}} and the server action
 * {@code {"os-resetSerialConsole": {"port": N}}}, plus Nova's console output action
 * {@code {"os-getConsoleOutput": {"length": N}}}.
 */
public final class ConsoleSessions {

    private final ApiClient api;
    private final ObjectMapper json;

    public ConsoleSessions(ApiClient api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    /** The sessions of a server: the live ones, or with {@code all} the ended ones too. */
    public JsonNode list(String serverId, boolean all) {
        JsonNode answer = api.get(sessionsPath(serverId) + (all ? "?all=1" : ""));
        // The list is the answer's one array, whatever its key ("serial_console_sessions", "sessions").
        for (Iterator<Map.Entry<String, JsonNode>> fields = answer.fields(); fields.hasNext(); ) {
            JsonNode value = fields.next().getValue();
            if (value.isArray()) {
                return value;
            }
        }
        throw ClientFailure.serverError("the api's answer has no list of console sessions");
    }

    public void disconnectSession(String serverId, String sessionId) {
        api.delete(sessionsPath(serverId) + "/" + ApiClient.encode(sessionId));
    }

    /** Drops whoever holds serial port {@code port}. */
    public void resetPort(String serverId, int port) {
        ObjectNode body = json.createObjectNode();
        body.putObject("os-resetSerialConsole").put("port", port);
        api.post(actionPath(serverId), body);
    }

    /** The last {@code lines} lines of console output (all that is kept when null). */
    public String output(String serverId, Integer lines) {
        ObjectNode body = json.createObjectNode();
        ObjectNode action = body.putObject("os-getConsoleOutput");
        if (lines != null) {
            action.put("length", lines);
        } else {
            action.putNull("length");
        }
        JsonNode output = api.post(actionPath(serverId), body).path("output");
        if (!output.isTextual()) {
            throw ClientFailure.serverError("the api's answer has no console \"output\"");
        }
        return output.asText();
    }

    private static String sessionsPath(String serverId) {
        return Servers.PATH + "/" + ApiClient.encode(serverId) + "/serial-console-sessions";
    }

    private static String actionPath(String serverId) {
        return Servers.PATH + "/" + ApiClient.encode(serverId) + "/action";
    }
}
