package io.serialgate.common.app;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** Dropwizard's {@code server} command, but a bad configuration prints its problems, not a stack trace. */
final class ServeCommand<T extends Configuration> extends ServerCommand<T> {

    private final String serviceName;

    ServeCommand(Application<T> application) {
        super(application);
        this.serviceName = application.getName();
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        StartupErrorReporter.report(cli.getStdErr(), serviceName, e);
    }
}
