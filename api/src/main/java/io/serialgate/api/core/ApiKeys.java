package io.serialgate.api.core;

import io.serialgate.api.auth.Caller;
import io.serialgate.api.auth.Role;
import io.serialgate.api.db.ApiKeyDao;
import io.serialgate.common.auth.Secrets;
import io.serialgate.common.db.SingleRowQuery;
import org.jdbi.v3.core.Jdbi;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, checks, lists and revokes API keys. Only SHA-256 hashes of keys are ever stored. */
public final class ApiKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    /** 32 random bytes: 256 bits, 43 URL-safe characters. */
    private static final int KEY_BYTES = 32;

    private final ApiKeyDao dao;
    private final SingleRowQuery<ApiKey> activeByHash;

    /** {@code jdbi} has the SqlObject plugin installed. */
    public ApiKeys(Jdbi jdbi) {
        this.dao = jdbi.onDemand(ApiKeyDao.class);
        this.activeByHash = new SingleRowQuery<>(jdbi, ApiKeyDao.FIND_ACTIVE_BY_HASH, "hash", new ApiKeyDao.ApiKeyMapper());
    }

    /** The caller a presented key stands for, if the key is known and not revoked. */
    public Optional<Caller> authenticate(String presentedKey) {
        return activeByHash.find(Secrets.sha256Hex(presentedKey))
                .map(key -> new Caller(key.id(), key.projectId(), key.roles()));
    }

    /** Creates a random key; the returned plaintext is the only copy there will ever be. */
    public CreatedKey create(String projectId, Set<Role> roles, String description) {
        return store(newKey(KEY_BYTES), projectId, roles, description);
    }

    /**
     * A random base64url key that does not start with '-': command-line tools
     * ({@code --os-token KEY}) would take such a key for an option. Drawing again costs 6 bits of
     * 256 at most once in 64 draws.
     */
    public static String newKey(int bytes) {
        String key;
        do {
            key = Secrets.randomToken(bytes);
        } while (key.startsWith("-"));
        return key;
    }

    /** Stores a key chosen by the operator (the configured bootstrap admin key). */
    public CreatedKey store(String key, String projectId, Set<Role> roles, String description) {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("a key needs a project");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one role");
        }
        UUID id = UUID.randomUUID();
        dao.insert(id, Secrets.sha256Hex(key), projectId, Role.join(roles), description == null ? "" : description);
        LOG.info("event=api_key_created key_id={} project={} roles={}", id, projectId, Role.join(roles));
        return new CreatedKey(id, key, projectId, Set.copyOf(roles));
    }

    public boolean anyActiveAdmin() {
        return dao.anyActiveAdmin();
    }

    public List<ApiKey> list() {
        return dao.listAll();
    }

    /** True if the key existed and was active. */
    public boolean revoke(UUID id) {
        boolean revoked = dao.revoke(id) == 1;
        if (revoked) {
            LOG.info("event=api_key_revoked key_id={}", id);
        }
        return revoked;
    }

    /** A key just made: {@code key} is the plaintext, to be shown once. */
    public record CreatedKey(UUID id, String key, String projectId, Set<Role> roles) {
        @Override
        public String toString() {
            return "CreatedKey{id=" + id + ", key=<redacted>, projectId=" + projectId + ", roles=" + roles + "}";
        }
    }
}
