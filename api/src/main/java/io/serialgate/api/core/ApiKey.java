package io.serialgate.api.core;

import io.serialgate.api.auth.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A stored API key: everything but the key itself, which is never stored. */
public record ApiKey(UUID id, String projectId, Set<Role> roles, String description,
                     Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
