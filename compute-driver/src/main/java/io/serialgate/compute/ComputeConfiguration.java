package io.serialgate.compute;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.serialgate.common.config.ServiceConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** compute-driver's configuration: the shared sections plus {@code database:} and {@code compute:}. */
public class ComputeConfiguration extends ServiceConfiguration {

    @Valid
    @NotNull
    @JsonProperty("database")
    private DataSourceFactory database = new DataSourceFactory();

    @JsonProperty(ComputeOptions.SECTION)
    private ComputeOptions compute = new ComputeOptions();

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
        return problems;
    }
}
