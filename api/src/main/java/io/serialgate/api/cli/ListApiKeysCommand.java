package io.serialgate.api.cli;

import io.serialgate.api.ApiConfiguration;
import io.serialgate.api.auth.Role;
import io.serialgate.api.core.ApiKey;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code list-api-keys CONFIG}: one line per key (never the key itself, which is not stored). */
public final class ListApiKeysCommand extends KeyCommand {

    private final PrintStream out;

    public ListApiKeysCommand(PrintStream out) {
        super("list-api-keys", "List API keys: id, project, roles, state, created, description");
        this.out = out;
    }

    @Override
    protected void execute(Namespace namespace, ApiConfiguration configuration) throws Exception {
        try (ApiKeyStore store = new ApiKeyStore(configuration)) {
            out.printf("%-36s  %-20s  %-12s  %-7s  %-20s  %s%n", "ID", "PROJECT", "ROLES", "STATE", "CREATED", "DESCRIPTION");
            for (ApiKey key : store.keys().list()) {
                out.printf("%-36s  %-20s  %-12s  %-7s  %-20s  %s%n", key.id(), key.projectId(), Role.join(key.roles()),
                        key.revoked() ? "revoked" : "active", key.createdAt().toString().replaceAll("\\.\\d+", ""),
                        key.description());
            }
            out.flush();
        }
    }
}
