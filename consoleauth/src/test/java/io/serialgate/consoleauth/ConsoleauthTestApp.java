package io.serialgate.consoleauth;

import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.serialgate.common.client.ConsoleauthClient;
import java.net.URI;
import java.time.Duration;

/** Starts a real consoleauth (real HTTP, real PostgreSQL) with a clock the test controls. */
public final class ConsoleauthTestApp {

    public static final String SECRET = "test-service-secret-0123456789abcdef0123456789";

    private ConsoleauthTestApp() {}

    public static DropwizardAppExtension<ConsoleauthConfiguration> extension(TestClock clock, String databaseUrl,
                                                                             ConfigOverride... more) {
        ConfigOverride[] overrides = new ConfigOverride[more.length + 1];
        overrides[0] = ConfigOverride.config("database.url", databaseUrl);
        System.arraycopy(more, 0, overrides, 1, more.length);
        DropwizardTestSupport<ConsoleauthConfiguration> support = new DropwizardTestSupport<>(
                ConsoleauthApplication.class,
                ResourceHelpers.resourceFilePath("consoleauth-test.yml"),
                overrides) {
            @Override
            public Application<ConsoleauthConfiguration> newApplication() {
                return new ConsoleauthApplication(clock);
            }
        };
        return new DropwizardAppExtension<>(support);
    }

    public static URI baseUri(DropwizardAppExtension<?> app) {
        return URI.create("http://127.0.0.1:" + app.getLocalPort() + "/");
    }

    public static URI adminUri(DropwizardAppExtension<?> app) {
        return URI.create("http://127.0.0.1:" + app.getAdminPort() + "/admin/");
    }

    public static ConsoleauthClient client(DropwizardAppExtension<?> app) {
        return new ConsoleauthClient(baseUri(app), SECRET, Duration.ofSeconds(5));
    }
}
