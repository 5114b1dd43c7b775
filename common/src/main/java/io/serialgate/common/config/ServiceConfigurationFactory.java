package io.serialgate.common.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Loads a service's configuration from YAML (Dropwizard's usual way: unknown keys are an error)
 * or from a Nova-style INI file, then applies serialgate's own checks so a bad value stops the
 * service at start with one line naming the option.
 */
public final class ServiceConfigurationFactory<T extends ServiceConfiguration> extends YamlConfigurationFactory<T> {

    public ServiceConfigurationFactory(Class<T> klass, Validator validator, ObjectMapper mapper, String prefix) {
        // Unknown keys are an error at every depth: a typo such as `prot_range` must not be ignored.
        super(klass, validator, mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), prefix);
    }

    @Override
    public T build(ConfigurationSourceProvider provider, String path) throws IOException, ConfigurationException {
        if (!IniConfigReader.isIniPath(path)) {
            return super.build(provider, path);
        }
        try (InputStream in = provider.open(path)) {
            return build(IniConfigReader.read(in), path);
        }
    }

    @Override
    protected T build(JsonNode node, String path) throws IOException, ConfigurationException {
        T configuration = super.build(node, path);
        List<String> problems = configuration.problems();
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(path, problems);
        }
        return configuration;
    }
}
