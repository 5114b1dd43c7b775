package io.serialgate.common.db;

import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One single-row query by one named parameter, on Jdbi's fluent API, for the lookups every request
 * makes (an API key, a server, a console token). A SqlObject method call rebuilds its extension's
 * configuration and looks its mappers up again on every call (jdbi/jdbi#2617); on those paths that
 * cost several times PostgreSQL's own answer (profiled with api/bench/run.sh). The rest of the SQL
 * stays in SqlObject DAOs, where clarity is worth more than microseconds.
 */
public final class SingleRowQuery<T> {

    private final Jdbi jdbi;
    private final String sql;
    private final String parameter;
    private final RowMapper<T> mapper;

    /** {@code sql} names exactly one parameter, {@code :parameter}. */
    public SingleRowQuery(Jdbi jdbi, String sql, String parameter, RowMapper<T> mapper) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.sql = Objects.requireNonNull(sql);
        this.parameter = Objects.requireNonNull(parameter);
        this.mapper = Objects.requireNonNull(mapper);
        if (!sql.contains(":" + parameter)) {
            throw new IllegalArgumentException("the query does not name :" + parameter);
        }
    }

    /** The row where the parameter is {@code value}; empty when there is none. More than one row is a bug: it throws. */
    public Optional<T> find(Object value) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).bind(parameter, value).map(mapper).findOne());
    }
}
