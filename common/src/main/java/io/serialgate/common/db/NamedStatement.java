package io.serialgate.common.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * One SQL statement with {@code :named} parameters (the same text a SqlObject annotation holds),
 * run as plain JDBC on the connection of a Jdbi {@link Handle}, so it joins the handle's
 * transaction. For the statements of a request path that runs per console connect (consoleauth's
 * session open, end and the proxies' heartbeats): there SqlObject calls cost consoleauth about
 * 2.5 ms of CPU per request and 330 MB/s of garbage at 250 opens and ends a second (mapper and
 * qualifier lookups by reflection, SQL lexed again, configuration copied; jdbi/jdbi#2617),
 * several times PostgreSQL's own work. {@link SingleRowQuery} runs on it too.
 * The named-to-positional translation is done once, here.
 *
 * <p>Parameters are bound from name/value pairs: {@link Instant} as {@code timestamptz}, a
 * {@code null} as an untyped NULL, anything else as the driver's {@code setObject} takes it
 * (String, Integer, UUID, ...). A bound value is never part of an error message (it may be a
 * token's hash).
 */
public final class NamedStatement {

    /** Reads the current row; it must not move the cursor. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    // ":name" not preceded by another ':' (PostgreSQL casts are "::type").
    private static final Pattern NAMED = Pattern.compile("(?<!:):([A-Za-z_][A-Za-z0-9_]*)");

    private final String jdbcSql;
    private final List<String> order = new ArrayList<>();

    public NamedStatement(String sql) {
        Matcher named = NAMED.matcher(Objects.requireNonNull(sql));
        StringBuilder jdbc = new StringBuilder();
        while (named.find()) {
            order.add(named.group(1));
            named.appendReplacement(jdbc, "?");
        }
        named.appendTail(jdbc);
        this.jdbcSql = jdbc.toString();
    }

    /** Runs an INSERT/UPDATE/DELETE; the row count. */
    public int update(Handle handle, Object... namesAndValues) {
        return run(handle, namesAndValues, PreparedStatement::executeUpdate);
    }

    /** At most one row; more than one is a bug and throws. */
    public <T> Optional<T> one(Handle handle, RowReader<T> reader, Object... namesAndValues) {
        return run(handle, namesAndValues, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                T row = reader.read(rows);
                if (rows.next()) {
                    throw new IllegalStateException("Expected zero to one rows, but found multiple");
                }
                return Optional.ofNullable(row);
            }
        });
    }

    /** Every row, in the order the statement returns them. */
    public <T> List<T> list(Handle handle, RowReader<T> reader, Object... namesAndValues) {
        return run(handle, namesAndValues, statement -> {
            List<T> all = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    all.add(reader.read(rows));
                }
            }
            return all;
        });
    }

    /**
     * Runs a text of several statements separated by {@code ;}, which the PostgreSQL driver sends
     * in one round trip, and hands the executed statement to {@code reader} to walk its results
     * in order ({@code getResultSet}, {@code getMoreResults}). Inside a transaction the statements
     * run one after the other, each seeing the effects of the ones before.
     */
    public <R> R results(Handle handle, ResultsReader<R> reader, Object... namesAndValues) {
        return run(handle, namesAndValues, statement -> {
            statement.execute();
            return reader.read(statement);
        });
    }

    /** Reads the results of an executed multi-statement text. */
    @FunctionalInterface
    public interface ResultsReader<R> {
        R read(PreparedStatement executed) throws SQLException;
    }

    /** A {@code timestamptz} column as an Instant (null stays null). */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @FunctionalInterface
    private interface Execution<R> {
        R execute(PreparedStatement statement) throws SQLException;
    }

    private <R> R run(Handle handle, Object[] namesAndValues, Execution<R> execution) {
        Map<String, Object> values = values(namesAndValues);
        try (PreparedStatement statement = handle.getConnection().prepareStatement(jdbcSql)) {
            for (int i = 0; i < order.size(); i++) {
                String name = order.get(i);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("no value bound for :" + name);
                }
                bind(statement, i + 1, values.get(name));
            }
            return execution.execute(statement);
        } catch (SQLException e) {
            // The message is the driver's, never a bound value.
            throw new UnableToExecuteStatementException("statement failed: " + e.getMessage(), e, null);
        }
    }

    private static Map<String, Object> values(Object[] namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come as name/value pairs");
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }
}
