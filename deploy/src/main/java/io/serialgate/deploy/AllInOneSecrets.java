package io.serialgate.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.common.auth.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The all-in-one's two secrets, made once and kept (mode 0600) so that a restart keeps working
 * URLs and keys: the service credential shared by the four services, and the admin API key.
 */
record AllInOneSecrets(
        @JsonProperty("service_secret") String serviceSecret,
        @JsonProperty("admin_key") String adminKey) {

    static AllInOneSecrets loadOrCreate(Path file, ObjectMapper json) {
        try {
            if (Files.exists(file)) {
                return json.readValue(file.toFile(), AllInOneSecrets.class);
            }
            AllInOneSecrets secrets = new AllInOneSecrets(Secrets.randomToken(32), Secrets.randomToken(32));
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            json.writeValue(file.toFile(), secrets);
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    @Override
    public String toString() {
        return "AllInOneSecrets{<redacted>}";
    }
}
