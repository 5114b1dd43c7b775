package io.serialgate.api.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nova's fault body: {@code {"itemNotFound": {"code": 404, "message": "..."}}}, the fault name
 * chosen by status as Nova's {@code wsgi.Fault} does. Both nova and openstack print the message.
 */
public final class NovaFaults {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(400, "badRequest"),
            Map.entry(401, "unauthorized"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "itemNotFound"),
            Map.entry(405, "badMethod"),
            Map.entry(406, "notAcceptable"),
            Map.entry(409, "conflictingRequest"),
            Map.entry(413, "overLimit"),
            Map.entry(415, "badMediaType"),
            Map.entry(429, "overLimit"),
            Map.entry(501, "notImplemented"),
            Map.entry(503, "serviceUnavailable"));

    private NovaFaults() {}

    public static String name(int status) {
        return NAMES.getOrDefault(status, status >= 500 ? "computeFault" : "badRequest");
    }

    public static Map<String, Object> body(int status, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", status);
        detail.put("message", message);
        return Map.of(name(status), detail);
    }

    public static Response response(int status, String message) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(status, message));
        if (status == 413) {
            // The body may not have been read to its end: this connection is not reused.
            builder.header("Connection", "close");
        }
        if (status == 401) {
            builder.header("WWW-Authenticate", "X-Auth-Token realm=\"serialgate\"");
        }
        return builder.build();
    }
}
