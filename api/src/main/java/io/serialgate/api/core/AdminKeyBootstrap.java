package io.serialgate.api.core;

import io.serialgate.api.ApiOptions;
import io.serialgate.api.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a fresh deployment can be administered: on a start that finds no active admin key,
 * creates one in project {@code admin} — the configured {@code api.bootstrap_admin_key}, or a random
 * key written to {@code api.bootstrap_admin_key_file} (mode 0600). Only the file's path is logged.
 */
public final class AdminKeyBootstrap {

    public static final String ADMIN_PROJECT = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final ApiKeys apiKeys;
    private final ApiOptions options;

    public AdminKeyBootstrap(ApiKeys apiKeys, ApiOptions options) {
        this.apiKeys = apiKeys;
        this.options = options;
    }

    public void ensureAdminKey() {
        if (apiKeys.anyActiveAdmin()) {
            return;
        }
        EnumSet<Role> roles = EnumSet.of(Role.ADMIN, Role.MEMBER);
        if (options.bootstrapAdminKey() != null) {
            apiKeys.store(options.bootstrapAdminKey(), ADMIN_PROJECT, roles, "bootstrap admin key (configured)");
            LOG.info("event=admin_key_bootstrapped project={} source=config", ADMIN_PROJECT);
            return;
        }
        // Write the file before storing the hash: a key nobody can read would lock everyone out.
        Path file = Path.of(options.bootstrapAdminKeyFile()).toAbsolutePath().normalize();
        String key = ApiKeys.newKey(32);
        writeOwnerOnly(file, key + "\n");
        apiKeys.store(key, ADMIN_PROJECT, roles, "bootstrap admin key (generated)");
        LOG.info("event=admin_key_bootstrapped project={} source=generated key_file={}", ADMIN_PROJECT, file);
    }

    /** Writes through a 0600 temporary file and an atomic move, so the key is never world-readable. */
    static void writeOwnerOnly(Path file, String content) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".serialgate-admin-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bootstrap admin key file " + file
                    + " (set api.bootstrap_admin_key_file to a writable path)", e);
        }
    }
}
