package io.serialgate.common.db;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One single-row query by one named parameter, for the lookups every request makes (an API key, a
 * server, a console token). Profiles of the api and consoleauth benchmarks showed Jdbi's statement
 * machinery costing more CPU than PostgreSQL's answer: a SqlObject call rebuilds its extension's
 * configuration and looks its mappers up on every call (jdbi/jdbi#2617), and even a fluent query
 * renders its template, parses its SQL, binds through argument factories and wraps a SQL logger.
 * So the statement here is plain JDBC on the connection of a Jdbi handle ({@link NamedStatement};
 * pooling, transactions and connection errors stay Jdbi's). The rest of the SQL stays in SqlObject
 * DAOs, where clarity is worth more than microseconds.
 */
public final class SingleRowQuery<T> {

    private final Jdbi jdbi;
    private final NamedStatement statement;
    private final String parameter;
    private final RowMapper<T> mapper;

    /**
     * {@code sql} names exactly one parameter, {@code :parameter}, once. {@code mapper} reads the
     * current row only: it is given no {@code StatementContext} (null).
     */
    public SingleRowQuery(Jdbi jdbi, String sql, String parameter, RowMapper<T> mapper) {
        this.jdbi = Objects.requireNonNull(jdbi);
        this.mapper = Objects.requireNonNull(mapper);
        this.parameter = Objects.requireNonNull(parameter);
        // ":name" not preceded by another ':' (PostgreSQL casts are "::type").
        Matcher named = Pattern.compile("(?<!:):" + Pattern.quote(parameter) + "(?![A-Za-z0-9_])")
                .matcher(Objects.requireNonNull(sql));
        if (!named.find()) {
            throw new IllegalArgumentException("the query does not name :" + parameter);
        }
        if (named.find()) {
            throw new IllegalArgumentException("the query names :" + parameter + " more than once");
        }
        this.statement = new NamedStatement(sql);
    }

    /** The row where the parameter is {@code value}; empty when there is none. More than one row is a bug: it throws. */
    public Optional<T> find(Object value) {
        return jdbi.withHandle(handle -> statement.one(handle, row -> mapper.map(row, null), parameter, value));
    }
}
