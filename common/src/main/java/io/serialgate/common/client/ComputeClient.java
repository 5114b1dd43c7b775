package io.serialgate.common.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.serialgate.common.contract.ComputeActionsContract;
import io.serialgate.common.contract.ComputeConsoleLogContract;
import io.serialgate.common.contract.ComputeContract;
import io.serialgate.common.contract.ComputeHostInfo;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.ConsoleLog;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.contract.SpawnRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Typed client of one compute host's internal REST API. */
public class ComputeClient {

    private final InternalHttpClient http;

    public ComputeClient(URI baseUri, String secret, Duration timeout) {
        this.http = new InternalHttpClient("compute-driver", baseUri, secret, timeout);
    }

    public ComputeInstance spawn(SpawnRequest request) {
        return http.post(ComputeContract.SERVERS, request, ComputeInstance.class);
    }

    public ComputeInstance show(String instanceUuid) {
        return http.get(serverPath(instanceUuid), ComputeInstance.class);
    }

    public List<ComputeInstance> list() {
        return http.get(ComputeContract.SERVERS, new TypeReference<List<ComputeInstance>>() {});
    }

    public void destroy(String instanceUuid) {
        http.delete(serverPath(instanceUuid));
    }

    /** A power or rebuild action ({@link ComputeActionsContract}); answers the server in its new state. */
    public ComputeInstance act(String instanceUuid, String action) {
        return http.post(ComputeActionsContract.SERVER_ACTION.replace("{instance_uuid}", encode(instanceUuid)),
                Map.of(action, Map.of()), ComputeInstance.class);
    }

    public SerialConsoleEndpoint serialConsole(String instanceUuid, int portIndex) {
        return http.get(ComputeContract.SERIAL_CONSOLE
                .replace("{instance_uuid}", encode(instanceUuid))
                .replace("{port_index}", Integer.toString(portIndex)), SerialConsoleEndpoint.class);
    }

    /** The last {@code lines} lines serial port {@code portIndex} printed (Nova's "get console output"). */
    public ConsoleLog consoleLog(String instanceUuid, int portIndex, int lines) {
        return http.get(ComputeConsoleLogContract.CONSOLE_LOG
                .replace("{instance_uuid}", encode(instanceUuid))
                .replace("{port_index}", Integer.toString(portIndex))
                + "?" + ComputeConsoleLogContract.LINES + "=" + lines, ConsoleLog.class);
    }

    public ComputeHostInfo host() {
        return http.get(ComputeContract.HOST, ComputeHostInfo.class);
    }

    private static String serverPath(String instanceUuid) {
        return ComputeContract.SERVER.replace("{instance_uuid}", encode(instanceUuid));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
