package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.serialgate.api.core.ApiKey;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without api.bootstrap_admin_key, the first start writes a random admin key to a 0600 file. */
class AdminKeyBootstrapTest {

    @TempDir
    Path dir;

    @Test
    void firstStartWritesAnAdminKeyFileAndLaterStartsKeepIt() throws Exception {
        String db = TestPostgres.freshDatabaseUrl();
        Path keyFile = dir.resolve("keys/admin-key");
        String dead = TestApi.deadUrl();

        DropwizardTestSupport<ApiConfiguration> first = start(db, dead, keyFile);
        String key;
        try {
            assertThat(keyFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            key = Files.readString(keyFile).strip();
            assertThat(key).hasSizeGreaterThanOrEqualTo(43);
            ApiCalls api = new ApiCalls(first.getLocalPort());
            assertThat(api.get("/v2.1/servers", key).status()).isEqualTo(200);
            assertThat(api.get("/v2.1/servers", key + "x").status()).isEqualTo(401);
        } finally {
            first.after();
        }
        try (Stream<Path> files = Files.list(keyFile.getParent())) {
            assertThat(files).containsExactly(keyFile);
        }

        DropwizardTestSupport<ApiConfiguration> second = start(db, dead, keyFile);
        try {
            assertThat(Files.readString(keyFile).strip()).isEqualTo(key);
            assertThat(new ApiCalls(second.getLocalPort()).get("/v2.1/servers", key).status()).isEqualTo(200);
        } finally {
            second.after();
        }
        List<ApiKey> keys = TestApi.keys(db).list();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).projectId()).isEqualTo("admin");
        // Only the hash is stored.
        assertThat(keys.toString()).doesNotContain(key);
    }

    private static DropwizardTestSupport<ApiConfiguration> start(String db, String dead, Path keyFile) throws Exception {
        ConfigOverride[] base = TestApi.overrides(db, dead, dead);
        ConfigOverride[] all = java.util.Arrays.copyOf(base, base.length + 1);
        all[base.length] = ConfigOverride.config("api.bootstrap_admin_key_file", keyFile.toString());
        DropwizardTestSupport<ApiConfiguration> support =
                new DropwizardTestSupport<>(ApiApplication.class, TestApi.CONFIG, all);
        support.before();
        return support;
    }
}
