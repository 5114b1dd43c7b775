package io.serialgate.serialproxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serialgate.common.config.InternalEndpoints;
import io.serialgate.common.config.ServiceConfiguration;
import java.util.List;

/** serialproxy's configuration: the common sections, {@code internal:} and {@code serialproxy:}. */
public class SerialproxyConfiguration extends ServiceConfiguration {

    @JsonProperty(InternalEndpoints.SECTION)
    private InternalEndpoints internal = new InternalEndpoints();

    @JsonProperty(SerialproxyOptions.SECTION)
    private SerialproxyOptions serialproxy = new SerialproxyOptions();

    public InternalEndpoints internal() {
        return internal;
    }

    public SerialproxyOptions serialproxy() {
        return serialproxy;
    }

    @Override
    public List<String> problems() {
        List<String> problems = super.problems();
        if (internal == null) {
            problems.add(InternalEndpoints.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(internal.problems());
        }
        if (serialproxy == null) {
            problems.add(SerialproxyOptions.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(serialproxy.problems());
        }
        return problems;
    }
}
