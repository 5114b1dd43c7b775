package io.serialgate.api.core;

import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.config.SerialConsoleOptions;
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.AuthorizedToken;
import io.serialgate.common.contract.ComputeContract;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out console URLs: checks the caller may see the server, that serial consoles are enabled,
 * that the server is ACTIVE and has the serial port asked for; then asks the compute host where
 * the port listens and consoleauth for a token bound to it. A host that finds the guest shut off
 * (stopped behind the api's back) makes the server SHUTOFF in the api's record and the answer a 409.
 */
public final class SerialConsoles {

    private static final Logger LOG = LoggerFactory.getLogger(SerialConsoles.class);

    private final SerialConsoleOptions options;
    private final Servers servers;
    private final ConsoleauthClient consoleauth;
    private final ServerPower power;

    public SerialConsoles(SerialConsoleOptions options, Servers servers, ConsoleauthClient consoleauth, ServerPower power) {
        this.options = options;
        this.servers = servers;
        this.consoleauth = consoleauth;
        this.power = power;
    }

    /** 400 unless the server has serial port {@code portIndex}. */
    static void requirePort(Server server, int portIndex) {
        if (portIndex >= server.serialPortCount()) {
            throw new InvalidInputException("bad_port_index", "Serial port index " + portIndex
                    + " is out of range: server " + server.id() + " has " + server.serialPortCount()
                    + " serial port" + (server.serialPortCount() == 1 ? "" : "s")
                    + " (indexes 0-" + (server.serialPortCount() - 1) + ").");
        }
    }

    /** A console URL for serial port {@code portIndex} of the server; the token inside is the only copy. */
    public String consoleUrl(ProjectScope scope, String serverId, int portIndex) {
        Server server = servers.get(scope, serverId);
        if (!options.enabled()) {
            throw new InvalidInputException("console_type_unavailable", "Unavailable console type serial.");
        }
        if (server.status() != ServerStatus.ACTIVE) {
            throw notActive(server, server.status());
        }
        requirePort(server, portIndex);
        String instance = server.id().toString();
        ComputeClient compute = servers.computeOf(server);
        SerialConsoleEndpoint endpoint;
        try {
            endpoint = InternalCalls.call("compute", () -> compute.serialConsole(instance, portIndex));
        } catch (ConflictException e) {
            if (!ComputeContract.SERVER_NOT_RUNNING.equals(e.reason())) {
                throw e;
            }
            power.foundStopped(server);
            throw notActive(server, ServerStatus.SHUTOFF);
        }
        AuthorizedToken token = InternalCalls.call("consoleauth", () -> consoleauth.authorize(
                new AuthorizeTokenRequest(server.projectId(), instance, portIndex,
                        endpoint.host(), endpoint.port(), options.baseUrl(), servers.computeUrlOf(server).toString())));
        LOG.info("event=console_url_issued instance={} project={} port_index={} expires_at={}",
                instance, server.projectId(), portIndex, token.expiresAt());
        return ConsoleUrls.withToken(options.baseUrl(), token.token());
    }

    private static ConflictException notActive(Server server, ServerStatus status) {
        ConflictException refusal = status.forbids("get_serial_console", server.id());
        return status == ServerStatus.SHUTOFF
                ? new ConflictException(refusal.reason(), refusal.getMessage() + " Start it first (os-start).")
                : refusal;
    }
}
