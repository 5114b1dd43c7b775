package io.serialgate.client.commands;

import io.serialgate.client.ExitCode;
import io.serialgate.client.api.ConsoleSessions;
import io.serialgate.client.api.ServerRef;
import io.serialgate.client.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code console disconnect SERVER (--session ID | --port N)}: force-disconnects a hung session. */
@Command(
        name = "disconnect",
        mixinStandardHelpOptions = true,
        description = "Force-disconnect a console session, by session id or by serial port.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  serialgate-client console disconnect demo --port 0",
            "  serialgate-client console disconnect demo --session 6f1c2d0e-...",
        })
public class ConsoleDisconnectCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "SERVER", description = "Name or id of the server.")
    String server;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Exactly one of the two. */
    static final class Target {
        @Option(names = "--session", paramLabel = "ID", required = true, description = "The session to end (see 'console sessions').")
        String session;

        @Option(names = "--port", paramLabel = "N", required = true, description = "End whichever session holds serial port N.")
        Integer port;
    }

    @Override
    public Integer call() {
        if (target.port != null) {
            GetSerialConsoleCommand.requireValidPort(target.port);
        }
        ServerRef ref = resolve(server);
        ConsoleSessions sessions = new ConsoleSessions(api(), root().json());
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("server_id", ref.id());
        String what;
        if (target.session != null) {
            sessions.disconnectSession(ref.id(), target.session);
            done.put("session_id", target.session);
            what = "session " + target.session;
        } else {
            sessions.resetPort(ref.id(), target.port);
            done.put("port", target.port);
            what = "serial port " + target.port;
        }
        Output output = output();
        if (output.isJson()) {
            done.put("disconnect", "accepted");
            output.json(done);
        } else {
            output.message("Request to disconnect " + what + " of server " + ref.label() + " has been accepted.");
        }
        return ExitCode.OK;
    }
}
