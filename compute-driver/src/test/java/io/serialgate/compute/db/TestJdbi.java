package io.serialgate.compute.db;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.serialgate.common.db.Databases;
import io.serialgate.common.testing.TestPostgres;
import io.serialgate.compute.ComputeApplication;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * A Jdbi on a brand-new PostgreSQL database with the compute schema migrated, over the same
 * connection pool the service uses (a connection per statement would make tests measure TCP
 * set-up, not the allocator).
 */
public final class TestJdbi {

    private TestJdbi() {}

    public static Jdbi freshMigrated() {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(TestPostgres.freshDatabaseUrl());
        factory.setMaxSize(16);
        ManagedDataSource dataSource = factory.build(new MetricRegistry(), "compute-test");
        Databases.migrate(dataSource, ComputeApplication.SCHEMA);
        return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }
}
