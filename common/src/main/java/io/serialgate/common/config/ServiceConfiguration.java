package io.serialgate.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every serialgate service's configuration file holds: the {@code serial_console:} options
 * and the {@code service_auth:} credential, beside Dropwizard's own {@code server:} and
 * {@code logging:}. Each service adds its own sections and extends {@link #problems()}.
 */
public abstract class ServiceConfiguration extends Configuration {

    @JsonProperty(SerialConsoleOptions.SECTION)
    private SerialConsoleOptions serialConsole = new SerialConsoleOptions();

    @JsonProperty(ServiceAuthOptions.SECTION)
    private ServiceAuthOptions serviceAuth = new ServiceAuthOptions();

    public SerialConsoleOptions serialConsole() {
        return serialConsole;
    }

    public ServiceAuthOptions serviceAuth() {
        return serviceAuth;
    }

    /** Every invalid value in the file, one line each naming the option; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (serialConsole == null) {
            problems.add(SerialConsoleOptions.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(serialConsole.problems());
        }
        if (serviceAuth == null) {
            problems.add(ServiceAuthOptions.SECTION + ": must be a section, got null");
        } else {
            problems.addAll(serviceAuth.problems());
        }
        return problems;
    }
}
