package io.serialgate.api.cli;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.serialgate.api.ApiApplication;
import io.serialgate.api.ApiConfiguration;
import io.serialgate.api.core.ApiKeys;
import io.serialgate.common.db.Databases;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The api's key table opened from a command, outside a running server (migrating it if new). */
final class ApiKeyStore implements AutoCloseable {

    private final ManagedDataSource dataSource;
    private final ApiKeys keys;

    ApiKeyStore(ApiConfiguration configuration) throws Exception {
        dataSource = configuration.database().build(new MetricRegistry(), "api-keys-command");
        dataSource.start();
        Databases.migrate(dataSource, ApiApplication.SCHEMA);
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        keys = new ApiKeys(jdbi);
    }

    ApiKeys keys() {
        return keys;
    }

    @Override
    public void close() throws Exception {
        dataSource.stop();
    }
}
