package io.serialgate.common.config;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a configuration file through the same factory the services use. */
final class ConfigLoading {

    static final String SECRET = "0123456789abcdef0123456789abcdef";

    private ConfigLoading() {}

    static TestServiceConfiguration load(Path dir, String fileName, String text) throws ConfigurationException {
        try {
            Path file = dir.resolve(fileName);
            Files.writeString(file, text);
            return new ServiceConfigurationFactory<>(TestServiceConfiguration.class,
                    Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                    .build(new FileConfigurationSourceProvider(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestServiceConfiguration yaml(Path dir, String serialConsoleBody) throws ConfigurationException {
        return load(dir, "service.yml", "service_auth:\n  secret: " + SECRET + "\n"
                + "serial_console:\n" + serialConsoleBody);
    }
}
