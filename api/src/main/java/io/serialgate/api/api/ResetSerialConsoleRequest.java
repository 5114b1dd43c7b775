package io.serialgate.api.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The arguments of the {@code os-resetSerialConsole} server action: {"port": N}, the serial port
 * whose holder is dropped (0 when absent, as for get-serial-console; {} and null mean port 0).
 */
public record ResetSerialConsoleRequest(int portIndex) {

    public static final String ACTION = "os-resetSerialConsole";

    public static ResetSerialConsoleRequest from(JsonNode inner) {
        if (inner == null || inner.isNull()) {
            return new ResetSerialConsoleRequest(0);
        }
        RequestBodies.requireObject(inner, "'" + ACTION + "'");
        RequestBodies.requireOnlyKeys(inner, Set.of("port"), "'" + ACTION + "'");
        return new ResetSerialConsoleRequest(SerialConsoleRequest.portIndex(inner.get("port")));
    }
}
