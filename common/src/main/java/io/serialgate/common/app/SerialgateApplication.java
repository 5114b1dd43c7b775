package io.serialgate.common.app;

import io.serialgate.common.auth.AdminAccessFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import com.fasterxml.jackson.databind.DeserializationFeature;
import ch.qos.logback.core.util.StatusPrinter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.serialgate.common.auth.ServiceAuthFilter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import io.serialgate.common.config.ServiceConfiguration;
import io.serialgate.common.config.ServiceConfigurationFactory;
import io.dropwizard.jersey.errors.EarlyEofExceptionMapper;
import io.serialgate.common.error.HttpErrorMapper;
import io.serialgate.common.error.InternalErrorMapper;
import io.serialgate.common.error.JsonErrorMapper;
import io.serialgate.common.error.UnexpectedErrorMapper;

/**
 * The start-up every serialgate service shares: configuration from YAML or INI with
 * {@code ${ENV_VAR}} substitution and serialgate's checks.
 */
public abstract class SerialgateApplication<T extends ServiceConfiguration> extends Application<T> {

    static {
        // logback-access 2.0.9 cannot read its own version from its jar and prints a false
        // "versions are different" warning block at every start. logback's status printer carries
        // nothing else serialgate relies on (Dropwizard validates the logging config itself).
        StatusPrinter.setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Set only by {@link #runEmbedded}: told the Jetty server once it serves. */
    private Consumer<Server> embeddedStarted;

    @Override
    public void initialize(Bootstrap<T> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.setConfigurationFactoryFactory(ServiceConfigurationFactory::new);
        bootstrap.addBundle(new ConfiguredBundle<T>() {
            @Override
            public void run(T configuration, Environment environment) {
                // The admin context is on the service's own (possibly public) port: tasks, thread
                // dumps and profiles need the service credential; health and metrics stay open.
                environment.admin().addFilter("admin-access", new AdminAccessFilter(configuration.serviceAuth().secret()))
                        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
                if (embeddedStarted != null) {
                    environment.lifecycle().addServerLifecycleListener(embeddedStarted::accept);
                }
            }
        });
    }

    /**
     * Runs {@code server CONFIG} inside this JVM, as the all-in-one launcher does: returns once the
     * service serves and hands its Jetty server to {@code started} (so the caller stops it); a
     * service that cannot start throws {@link EmbeddedStartException} (its message already
     * printed) instead of exiting the JVM.
     */
    public void runEmbedded(String configPath, Consumer<Server> started) throws Exception {
        this.embeddedStarted = started;
        run("server", configPath);
    }

    @Override
    protected void onFatalError(Throwable t) {
        if (embeddedStarted != null) {
            throw new EmbeddedStartException(getName(), t);
        }
        super.onFatalError(t);
    }

    @Override
    protected void addDefaultCommands(Bootstrap<T> bootstrap) {
        bootstrap.addCommand(new ServeCommand<>(this));
        bootstrap.addCommand(new CheckConfigCommand<>(this));
        if (databaseSchema() != null) {
            bootstrap.addCommand(new MigrateCommand<>(this, databaseSchema()));
        }
    }

    /**
     * The PostgreSQL schema this service owns, for services whose configuration is a
     * {@link io.serialgate.common.db.DatabaseOwner}; null for services without a database.
     * A non-null schema adds the {@code migrate CONFIG} command.
     */
    protected String databaseSchema() {
        return null;
    }

    /**
     * For services whose whole Jersey API is internal (consoleauth, compute-driver); call it in
     * {@code run()}. Every request body is read first ({@link RequestBodyBuffer}: at most 64 KiB,
     * else 413), then the service credential is required (401); JSON with a missing primitive
     * field ({@code "port"}) is refused rather than read as 0; and every error, Jackson's and
     * Jersey's included, is answered as an {@code ErrorBody} (Dropwizard's default mappers are
     * switched off; a service's own unprioritised mapper for a type still replaces the shared one).
     */
    protected static void protectInternalApi(ServiceConfiguration configuration, Environment environment) {
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            // Read when the server is built, which happens after run(): not too late here.
            server.setRegisterDefaultExceptionMappers(false);
        }
        environment.getObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        environment.jersey().register(new RequestBodyBuffer());
        environment.jersey().register(new ServiceAuthFilter(configuration.serviceAuth().secret()));
        environment.jersey().register(new InternalErrorMapper());
        environment.jersey().register(new JsonErrorMapper());
        environment.jersey().register(new HttpErrorMapper());
        // A client that hangs up mid-request is not a server error: Dropwizard's mapper logs it quietly.
        environment.jersey().register(new EarlyEofExceptionMapper());
        environment.jersey().register(new UnexpectedErrorMapper(environment.getName()));
    }
}
