package io.serialgate.client;

import io.serialgate.client.console.SttyTerminal;
import io.serialgate.client.console.Terminal;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the client takes from the process it runs in: environment variables, the three
 * standard streams and the controlling terminal. Tests build one over pipes and a captured
 * environment, so commands never reach for {@code System.*} themselves.
 *
 * @param environment variables such as {@code SERIALGATE_API_URL}
 * @param stdin       bytes typed (or piped) by the user
 * @param stdout      command output, and the guest's bytes during {@code console connect}
 * @param stderr      errors, notices and --debug lines
 * @param terminal    the terminal behind stdin, asked for only by {@code console connect}
 */
public record ClientContext(
        Map<String, String> environment,
        InputStream stdin,
        PrintStream stdout,
        PrintStream stderr,
        Supplier<Terminal> terminal) {

    /** The real process: its environment, its standard streams, and its terminal if stdin is one. */
    public static ClientContext system() {
        // Unbuffered stdout so guest output reaches the screen byte by byte, without System.out's
        // line buffering and without its platform-encoding conversion.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new ClientContext(System.getenv(), System.in, out, err, SttyTerminal::forStdin);
    }

    /** The first non-blank value among the named environment variables, or null. */
    public String env(String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
