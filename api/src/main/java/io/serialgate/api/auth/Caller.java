package io.serialgate.api.auth;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/** Who sent a request: the API key that authenticated it, its project and roles. */
public record Caller(UUID keyId, String projectId, Set<Role> roles) implements Principal {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    @Override
    public String getName() {
        return projectId;
    }
}
