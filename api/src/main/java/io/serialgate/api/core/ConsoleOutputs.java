package io.serialgate.api.core;

import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.contract.ComputeConsoleLogContract;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.NotImplementedException;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's "get console output": the last lines serial port 0 of an ACTIVE or SHUTOFF server
 * printed, read from the console log its compute host keeps (a stopped guest's last words are
 * often why it stopped). Without a length, as much as the compute host
 * hands out ({@link ComputeConsoleLogContract#MAX_LINES}).
 */
public final class ConsoleOutputs {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOutputs.class);
    /** Nova's console output is the first serial port's. */
    static final int PORT_INDEX = 0;

    private final Servers servers;

    public ConsoleOutputs(Servers servers) {
        this.servers = servers;
    }

    public String output(ProjectScope scope, String serverId, OptionalInt length) {
        Server server = servers.get(scope, serverId);
        if (server.status() != ServerStatus.ACTIVE && server.status() != ServerStatus.SHUTOFF) {
            throw server.status().forbids("get_console_output", server.id());
        }
        int lines = Math.min(length.orElse(ComputeConsoleLogContract.MAX_LINES), ComputeConsoleLogContract.MAX_LINES);
        if (lines == 0) {
            return ""; // Nova's tail of zero lines; nothing to ask the compute host.
        }
        String instance = server.id().toString();
        ComputeClient compute = servers.computeOf(server);
        try {
            String output = InternalCalls.call("compute", () -> compute.consoleLog(instance, PORT_INDEX, lines)).output();
            LOG.info("event=console_output_read instance={} project={} lines={}", instance, server.projectId(), lines);
            return output == null ? "" : output;
        } catch (NotFoundException e) {
            LOG.warn("event=console_output_unavailable instance={} host={} reason={}", instance, server.host(), e.reason());
            // The compute host does not know the server or its port: Nova's ConsoleNotAvailable.
            throw new NotFoundException("console_not_available", "Guest does not have a console available.", e);
        } catch (NotImplementedException e) {
            LOG.info("event=console_output_not_implemented instance={} host={} reason={}", instance, server.host(), e.reason());
            // Nova's own words; the compute host's detail stays in the log.
            throw new NotImplementedException("console_log_not_implemented",
                    "Unable to get console log, functionality not implemented.", e);
        }
    }
}
