package io.serialgate.consoleauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.serialgate.common.config.ServiceConfiguration;
import java.util.List;

/** consoleauth's configuration: the shared sections plus {@code database:} and {@code consoleauth:}. */
public class ConsoleauthConfiguration extends ServiceConfiguration {

    @JsonProperty("database")
    private DataSourceFactory database;

    @JsonProperty(ConsoleauthOptions.SECTION)
    private ConsoleauthOptions consoleauth = new ConsoleauthOptions();

    public DataSourceFactory database() {
        return database;
    }

    public ConsoleauthOptions consoleauth() {
        return consoleauth;
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
        return problems;
    }
}
