package io.serialgate.common.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each service owns one PostgreSQL schema in the shared database, migrated by Flyway from
 * {@code classpath:db/migration/<schema>} with its own history table, so services upgrade
 * independently.
 */
public final class Databases {

    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);

    private Databases() {}

    public static MigrateResult migrate(DataSource dataSource, String schema) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .table("flyway_history")
                .locations("classpath:db/migration/" + schema)
                .load()
                .migrate();
        LOG.info("event=schema_migrated schema={} applied={} version={}",
                schema, result.migrationsExecuted, result.targetSchemaVersion);
        return result;
    }

    /** Migrates the service's schema, then builds a managed Jdbi on the same pool. */
    public static Jdbi migrateAndConnect(Environment environment, DataSourceFactory database, String schema) {
        ManagedDataSource dataSource = database.build(environment.metrics(), schema);
        migrate(dataSource, schema);
        return new JdbiFactory().build(environment, database, dataSource, schema + "-postgresql");
    }
}
