package io.serialgate.common.app;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.serialgate.common.auth.ServiceAuthFilter;
import io.serialgate.common.config.ServiceConfiguration;
import io.serialgate.common.config.ServiceConfigurationFactory;
import io.serialgate.common.error.InternalErrorMapper;

/**
 * The start-up every serialgate service shares: configuration from YAML or INI with
 * {@code ${ENV_VAR}} substitution and serialgate's checks.
 */
public abstract class SerialgateApplication<T extends ServiceConfiguration> extends Application<T> {

    @Override
    public void initialize(Bootstrap<T> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.setConfigurationFactoryFactory(ServiceConfigurationFactory::new);
    }

    @Override
    protected void addDefaultCommands(Bootstrap<T> bootstrap) {
        bootstrap.addCommand(new ServeCommand<>(this));
        bootstrap.addCommand(new CheckConfigCommand<>(this));
    }

    /** For services whose whole Jersey API is internal: require the service credential, answer ErrorBody. */
    protected static void protectInternalApi(ServiceConfiguration configuration, Environment environment) {
        environment.jersey().register(new ServiceAuthFilter(configuration.serviceAuth().secret()));
        environment.jersey().register(new InternalErrorMapper());
    }
}
