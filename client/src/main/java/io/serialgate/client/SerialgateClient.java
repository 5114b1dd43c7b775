package io.serialgate.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.client.api.ApiClient;
import io.serialgate.client.api.TrustedCertificates;
import io.serialgate.client.commands.ConsoleCommand;
import io.serialgate.client.commands.GetSerialConsoleCommand;
import io.serialgate.client.commands.ServerCommand;
import io.serialgate.client.output.Output;
import io.serialgate.client.output.OutputFormat;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code serialgate-client}: the command line of serialgate. This class holds the global options
 * (inherited by every subcommand, so they may be given before or after it) and builds the
 * {@link CommandLine} with the error handling that turns every failure into one line on stderr
 * and a documented {@link ExitCode}.
 */
@Command(
        name = "serialgate-client",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Serial consoles of serialgate (Nova-compatible) servers, from the command line.",
        subcommands = {
            GetSerialConsoleCommand.class,
            ServerCommand.class,
            ConsoleCommand.class,
            AutoComplete.GenerateCompletion.class,
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  export SERIALGATE_API_URL=http://127.0.0.1:8774 SERIALGATE_TOKEN=<api key>",
            "  serialgate-client server create demo --serial-ports 2",
            "  serialgate-client get-serial-console demo serial --port 1",
            "  serialgate-client console connect demo",
            "  source <(serialgate-client generate-completion)",
            "",
            "Exit codes:",
            "  0 success  1 internal error  2 usage / bad request  3 auth  4 not found",
            "  5 conflict  6 server error  7 network  8 console ended by the proxy (idle, too slow, restart)",
        })
public class SerialgateClient implements Callable<Integer> {

    public static final String NAME = "serialgate-client";

    @Option(names = "--api-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The serialgate api endpoint, e.g. http://127.0.0.1:8774; a trailing /v2.1 is fine "
                    + "(env: SERIALGATE_API_URL, OS_ENDPOINT).")
    String apiUrl;

    @Option(names = "--token", paramLabel = "KEY", scope = ScopeType.INHERIT,
            description = "API key sent as X-Auth-Token (env: SERIALGATE_TOKEN, OS_TOKEN, OS_AUTH_TOKEN).")
    String token;

    @Option(names = "--cacert", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM file of the CA certificates to trust for https/wss, instead of the JDK's "
                    + "(env: SERIALGATE_CACERT, OS_CACERT).")
    java.nio.file.Path cacert;

    @Option(names = "--format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table).")
    OutputFormat format;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Log each HTTP request to stderr and show stack traces of failures.")
    boolean debug;

    @Spec
    CommandSpec spec;

    private final ClientContext context;
    private final ObjectMapper json = new ObjectMapper();

    public SerialgateClient(ClientContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        System.exit(commandLine(ClientContext.system()).execute(args));
    }

    /** The configured command line over the given process context; {@code execute} it with the arguments. */
    public static CommandLine commandLine(ClientContext context) {
        SerialgateClient client = new SerialgateClient(context);
        CommandLine commandLine = new CommandLine(client);
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(context.stdout(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(context.stderr(), StandardCharsets.UTF_8), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(e -> e instanceof ClientFailure f ? f.exitCode() : ExitCode.INTERNAL);
        ErrorReporter errors = new ErrorReporter(context.stderr(), () -> client.debug);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        // Picocli hides generate-completion by default; list it so users find the completion script.
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return commandLine;
    }

    /** Without a subcommand there is nothing to do: say so as a usage error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command (see '" + NAME + " --help')");
    }

    public ClientContext context() {
        return context;
    }

    public ObjectMapper json() {
        return json;
    }

    public boolean debug() {
        return debug;
    }

    public Output output() {
        OutputFormat chosen = format != null ? format : formatFromEnvironment();
        return new Output(chosen, json, context.stdout());
    }

    /** The api, reached with the URL and token from options or environment; a usage error if either is missing. */
    public ApiClient api() {
        String url = apiUrl != null ? apiUrl : context.env("SERIALGATE_API_URL", "OS_ENDPOINT");
        if (url == null || url.isBlank()) {
            throw ClientFailure.usage("no api URL: pass --api-url or set SERIALGATE_API_URL");
        }
        URI endpoint = ApiClient.parseEndpoint(url);
        String key = token != null ? token : context.env("SERIALGATE_TOKEN", "OS_TOKEN", "OS_AUTH_TOKEN");
        if (key == null || key.isBlank()) {
            throw ClientFailure.usage("no API key: pass --token or set SERIALGATE_TOKEN");
        }
        String caFile = cacert != null ? cacert.toString() : context.env("SERIALGATE_CACERT", "OS_CACERT");
        javax.net.ssl.SSLContext tls = caFile == null ? null : TrustedCertificates.fromPemFile(java.nio.file.Path.of(caFile));
        return new ApiClient(endpoint, key.strip(), json, debug ? context.stderr() : null, tls);
    }

    private OutputFormat formatFromEnvironment() {
        String value = context.env("SERIALGATE_FORMAT");
        if (value == null) {
            return OutputFormat.table;
        }
        try {
            return OutputFormat.valueOf(value.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ClientFailure.usage("SERIALGATE_FORMAT must be table or json, got " + value);
        }
    }
}
