package io.serialgate.consoleauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.serialgate.common.db.DatabaseOwner;
import io.serialgate.common.config.InternalEndpoints;
import io.serialgate.common.config.ServiceConfiguration;
import java.util.List;
import java.util.Optional;

/**
 * consoleauth's configuration: the shared sections plus {@code database:}, {@code consoleauth:}
 * and, optionally, {@code internal:} (only {@code compute_url} is used: where validation confirms
 * a token's host and port; without the section, no confirmation is made).
 */
public class ConsoleauthConfiguration extends ServiceConfiguration implements DatabaseOwner {

    @JsonProperty("database")
    private DataSourceFactory database;

    @JsonProperty(ConsoleauthOptions.SECTION)
    private ConsoleauthOptions consoleauth = new ConsoleauthOptions();

    @JsonProperty(InternalEndpoints.SECTION)
    private InternalEndpoints internal;

    @Override
    public DataSourceFactory database() {
        return database;
    }

    public ConsoleauthOptions consoleauth() {
        return consoleauth;
    }

    /** Where compute-driver is, or empty when the endpoint re-check is off. */
    public Optional<InternalEndpoints> internal() {
        return Optional.ofNullable(internal);
    }

    @Override
    public List<String> problems() {
        List<String> problems = super.problems();
        if (database == null) {
            problems.add("database: must be a section with driverClass, url, user and password, got nothing");
        }
        if (consoleauth == null) {
            problems.add(ConsoleauthOptions.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(consoleauth.problems());
        }
        if (internal != null) {
            problems.addAll(internal.problems());
        }
        return problems;
    }
}
