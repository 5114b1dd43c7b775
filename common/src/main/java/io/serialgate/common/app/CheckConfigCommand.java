package io.serialgate.common.app;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import net.sourceforge.argparse4j.inf.Namespace;

/** Dropwizard's {@code check} command with the same readable failure as {@link ServeCommand}. */
final class CheckConfigCommand<T extends Configuration> extends CheckCommand<T> {

    private final String serviceName;

    CheckConfigCommand(Application<T> application) {
        super(application);
        this.serviceName = application.getName();
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        StartupErrorReporter.report(cli.getStdErr(), serviceName, e);
    }
}
