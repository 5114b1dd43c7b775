package io.serialgate.serialproxy.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.serialgate.common.config.InvalidOptionsException;
import io.serialgate.common.config.SerialConsoleOptions;
import io.serialgate.serialproxy.SerialproxyConfiguration;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code serialproxy server [flags] config.yml}: Dropwizard's server command plus the
 * novncproxy-style flags that override the file's {@code serial_console:} options
 * ({@code --listen}, {@code --record}, {@code --ssl-only}, {@code --cert}, {@code --key},
 * {@code --web}, {@code --source-is-ipv6}). The result is checked again, so a flag cannot
 * bypass the start-up checks.
 */
public final class SerialproxyServerCommand extends ServerCommand<SerialproxyConfiguration> {

    public SerialproxyServerCommand(Application<SerialproxyConfiguration> application) {
        super(application);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--listen").dest("sc_listen").metavar("HOST")
                .help("address to bind (serial_console.listen)");
        subparser.addArgument("--record").dest("sc_record").action(Arguments.storeTrue())
                .help("record every console as asciicast (serial_console.record)");
        subparser.addArgument("--ssl-only").dest("sc_ssl_only").action(Arguments.storeTrue())
                .help("accept TLS connections only (serial_console.ssl_only)");
        subparser.addArgument("--cert").dest("sc_cert").metavar("FILE").help("PEM certificate (serial_console.cert)");
        subparser.addArgument("--key").dest("sc_key").metavar("FILE").help("PEM private key (serial_console.key)");
        subparser.addArgument("--web").dest("sc_web").metavar("DIR").help("static files directory (serial_console.web)");
        subparser.addArgument("--source-is-ipv6").dest("sc_source_is_ipv6").action(Arguments.storeTrue())
                .help("serial_console.source_is_ipv6");
    }

    @Override
    protected void run(Bootstrap<SerialproxyConfiguration> bootstrap, Namespace namespace,
            SerialproxyConfiguration configuration) throws Exception {
        apply(namespace, configuration.serialConsole());
        List<String> problems = configuration.problems();
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException("command line", problems);
        }
        super.run(bootstrap, namespace, configuration);
    }

    static void apply(Namespace namespace, SerialConsoleOptions options) {
        String listen = namespace.getString("sc_listen");
        if (listen != null) {
            options.listen(listen);
        }
        if (Boolean.TRUE.equals(namespace.getBoolean("sc_record"))) {
            options.record(true);
        }
        if (Boolean.TRUE.equals(namespace.getBoolean("sc_ssl_only"))) {
            options.sslOnly(true);
        }
        if (namespace.getString("sc_cert") != null) {
            options.cert(namespace.getString("sc_cert"));
        }
        if (namespace.getString("sc_key") != null) {
            options.key(namespace.getString("sc_key"));
        }
        if (namespace.getString("sc_web") != null) {
            options.web(namespace.getString("sc_web"));
        }
        if (Boolean.TRUE.equals(namespace.getBoolean("sc_source_is_ipv6"))) {
            options.sourceIsIpv6(true);
        }
    }
}
