package io.serialgate.compute.db;

import io.serialgate.common.db.Databases;
import io.serialgate.common.testing.TestPostgres;
import io.serialgate.compute.ComputeApplication;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;

/** A Jdbi on a brand-new PostgreSQL database with the compute schema migrated. */
public final class TestJdbi {

    private TestJdbi() {}

    public static Jdbi freshMigrated() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestPostgres.freshDatabaseUrl());
        Databases.migrate(dataSource, ComputeApplication.SCHEMA);
        return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }
}
