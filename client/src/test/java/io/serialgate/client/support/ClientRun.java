package io.serialgate.client.support;

import io.serialgate.client.ClientContext;
import io.serialgate.client.SerialgateClient;
import io.serialgate.client.console.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code serialgate-client} in-process, the way its main does, over captured streams and a
 * given environment, and returns the exit code and what was printed.
 */
public final class ClientRun {

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private final Map<String, String> environment = new HashMap<>();
    private InputStream stdin = new ByteArrayInputStream(new byte[0]);
    private Terminal terminal = Terminal.none();

    /** A run against this api with the right token in the environment. */
    public static ClientRun against(FakeApi api) {
        return new ClientRun().env("SERIALGATE_API_URL", api.url()).env("SERIALGATE_TOKEN", FakeApi.TOKEN);
    }

    public ClientRun env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    public ClientRun stdin(byte[] bytes) {
        stdin = new ByteArrayInputStream(bytes);
        return this;
    }

    public ClientRun stdin(InputStream stream) {
        stdin = stream;
        return this;
    }

    public ClientRun terminal(Terminal terminal) {
        this.terminal = terminal;
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        Terminal chosen = terminal;
        ClientContext context = new ClientContext(Map.copyOf(environment), stdin, stdout, stderr, () -> chosen);
        int code = SerialgateClient.commandLine(context).execute(args);
        stdout.flush();
        stderr.flush();
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
