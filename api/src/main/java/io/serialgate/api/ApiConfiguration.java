package io.serialgate.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.serialgate.common.db.DatabaseOwner;
import io.serialgate.common.config.InternalEndpoints;
import io.serialgate.common.config.ServiceConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The api's configuration: the common sections plus {@code database:}, {@code internal:} and {@code api:}. */
public class ApiConfiguration extends ServiceConfiguration implements DatabaseOwner {

    @Valid
    @NotNull
    @JsonProperty("database")
    private DataSourceFactory database = new DataSourceFactory();

    @JsonProperty(InternalEndpoints.SECTION)
    private InternalEndpoints internal = new InternalEndpoints();

    @JsonProperty(ApiOptions.SECTION)
    private ApiOptions api = new ApiOptions();

    @Override
    public DataSourceFactory database() { return database; }
    public InternalEndpoints internal() { return internal; }
    public ApiOptions api() { return api; }

    @Override
    public List<String> problems() {
        List<String> problems = super.problems();
        if (internal == null) {
            problems.add(InternalEndpoints.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(internal.problems());
        }
        if (api == null) {
            problems.add(ApiOptions.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(api.problems());
        }
        return problems;
    }
}
