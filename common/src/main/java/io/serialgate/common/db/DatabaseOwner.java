package io.serialgate.common.db;

import io.dropwizard.db.DataSourceFactory;

/** A service configuration with a {@code database:} section: the service owns a schema there. */
public interface DatabaseOwner {
    DataSourceFactory database();
}
