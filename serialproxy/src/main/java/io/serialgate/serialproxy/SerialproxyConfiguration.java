package io.serialgate.serialproxy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serialgate.common.config.InternalEndpoints;
import io.serialgate.common.config.SerialConsoleOptions;
import io.serialgate.common.config.ServiceConfiguration;
import io.serialgate.serialproxy.tls.PemKeyStore;
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

    /** A readable cert turns TLS on: check now that it and the key can be used, as one line each. */
    private List<String> tlsProblems() {
        SerialConsoleOptions options = serialConsole();
        if (options == null || options.cert() == null || options.cert().isBlank()
                || !java.nio.file.Files.isReadable(java.nio.file.Path.of(options.cert()))) {
            return List.of();
        }
        try {
            PemKeyStore.load(options.cert(), options.key(), "check".toCharArray());
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public List<String> problems() {
        List<String> problems = super.problems();
        if (internal == null) {
            problems.add(InternalEndpoints.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(internal.problems());
        }
        problems.addAll(tlsProblems());
        if (serialproxy == null) {
            problems.add(SerialproxyOptions.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(serialproxy.problems());
        }
        return problems;
    }
}
