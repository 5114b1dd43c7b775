package io.serialgate.common.config;

import io.dropwizard.configuration.ConfigurationException;
import java.util.Collection;

/** A configuration file whose values are unusable; the message lists one line per bad option. */
public final class InvalidOptionsException extends ConfigurationException {

    public InvalidOptionsException(String path, Collection<String> problems) {
        super(path, problems);
    }
}
