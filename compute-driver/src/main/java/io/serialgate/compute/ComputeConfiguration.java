package io.serialgate.compute;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.serialgate.common.db.DatabaseOwner;
import io.serialgate.common.config.InternalEndpoints;
import io.serialgate.common.config.ServiceConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * compute-driver's configuration: the shared sections plus {@code database:}, {@code compute:} and
 * the optional {@code internal:} (only {@code api_url} and {@code timeout_seconds} are used: where
 * the heartbeat goes; without the section no heartbeat is sent).
 */
public class ComputeConfiguration extends ServiceConfiguration implements DatabaseOwner {

    @Valid
    @NotNull
    @JsonProperty("database")
    private DataSourceFactory database = new DataSourceFactory();

    @JsonProperty(ComputeOptions.SECTION)
    private ComputeOptions compute = new ComputeOptions();

    @JsonProperty(InternalEndpoints.SECTION)
    private InternalEndpoints internal;

    /** Null when the {@code internal:} section is absent. */
    public InternalEndpoints internal() {
        return internal;
    }

    @Override
    public DataSourceFactory database() {
        return database;
    }

    public ComputeOptions compute() {
        return compute;
    }

    @Override
    public List<String> problems() {
        List<String> problems = super.problems();
        if (compute == null) {
            problems.add(ComputeOptions.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(compute.problems());
        }
        if (internal != null) {
            problems.addAll(internal.problems());
        }
        return problems;
    }
}
