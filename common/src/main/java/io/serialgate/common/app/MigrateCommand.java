package io.serialgate.common.app;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.serialgate.common.config.ServiceConfiguration;
import io.serialgate.common.db.DatabaseOwner;
import io.serialgate.common.db.Databases;
import net.sourceforge.argparse4j.inf.Namespace;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code migrate CONFIG}: brings the service's schema up to date and exits, so a staged
 * deployment (or an upgrade) can run migrations before any new process serves requests.
 */
final class MigrateCommand<T extends ServiceConfiguration> extends ConfiguredCommand<T> {

    private final Application<T> application;
    private final String schema;

    MigrateCommand(Application<T> application, String schema) {
        super("migrate", "Apply the database migrations of schema '" + schema + "' and exit");
        this.application = application;
        this.schema = schema;
    }

    @Override
    protected Class<T> getConfigurationClass() {
        return application.getConfigurationClass();
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, T configuration) throws Exception {
        if (!(configuration instanceof DatabaseOwner owner)) {
            throw new IllegalStateException(application.getName() + " has no database section");
        }
        ManagedDataSource dataSource = owner.database().build(new MetricRegistry(), schema + "-migrate");
        try {
            dataSource.start();
            MigrateResult result = Databases.migrate(dataSource, schema);
            System.out.println("schema " + schema + ": " + result.migrationsExecuted
                    + " migration(s) applied, now at version " + (result.targetSchemaVersion == null
                            ? result.initialSchemaVersion : result.targetSchemaVersion));
        } finally {
            dataSource.stop();
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        StartupErrorReporter.report(cli.getStdErr(), application.getName(), e);
    }
}
