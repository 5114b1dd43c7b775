package io.serialgate.api.cli;

import ch.qos.logback.classic.Level;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.serialgate.api.ApiConfiguration;
import net.sourceforge.argparse4j.inf.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared by the key commands: their stdout is their answer (scripts read it), so routine logs
 * are quieted to warnings, and a failure is one line on stderr, not a stack trace.
 */
abstract class KeyCommand extends ConfiguredCommand<ApiConfiguration> {

    KeyCommand(String name, String description) {
        super(name, description);
    }

    @Override
    protected final void run(Bootstrap<ApiConfiguration> bootstrap, Namespace namespace, ApiConfiguration configuration)
            throws Exception {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
        execute(namespace, configuration);
    }

    protected abstract void execute(Namespace namespace, ApiConfiguration configuration) throws Exception;

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println(getName() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        cli.getStdErr().flush();
    }
}
