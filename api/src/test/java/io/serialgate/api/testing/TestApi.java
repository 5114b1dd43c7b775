package io.serialgate.api.testing;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.serialgate.api.ApiApplication;
import io.serialgate.api.ApiConfiguration;
import io.serialgate.api.auth.Role;
import io.serialgate.api.core.ApiKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Starts the api on a fresh PostgreSQL database against given internal services. */
public final class TestApi {

    public static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    public static final String ADMIN_KEY = "test-admin-key-0123456789";
    public static final String CONFIG = ResourceHelpers.resourceFilePath("api-test.yml");

    private TestApi() {}

    /** The api with the configured admin key {@link #ADMIN_KEY}. */
    public static DropwizardAppExtension<ApiConfiguration> app(String databaseUrl, String computeUrl,
                                                               String consoleauthUrl, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(overrides(databaseUrl, computeUrl, consoleauthUrl)));
        overrides.add(ConfigOverride.config("api.bootstrap_admin_key", ADMIN_KEY));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(ApiApplication.class, CONFIG, overrides.toArray(ConfigOverride[]::new));
    }

    public static ConfigOverride[] overrides(String databaseUrl, String computeUrl, String consoleauthUrl) {
        return new ConfigOverride[] {
                ConfigOverride.config("database.url", databaseUrl),
                ConfigOverride.config("internal.compute_url", computeUrl),
                ConfigOverride.config("internal.consoleauth_url", consoleauthUrl)};
    }

    /** Creates a key straight in the database, as the key management command would. */
    public static String memberKey(String databaseUrl, String project) {
        return keys(databaseUrl).create(project, EnumSet.of(Role.MEMBER), "test").key();
    }

    public static ApiKeys keys(String databaseUrl) {
        Jdbi jdbi = Jdbi.create(databaseUrl).installPlugin(new SqlObjectPlugin());
        return new ApiKeys(jdbi);
    }

    /** A loopback URL where nothing listens. */
    public static String deadUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
