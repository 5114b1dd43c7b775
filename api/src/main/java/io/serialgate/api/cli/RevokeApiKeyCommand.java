package io.serialgate.api.cli;

import io.serialgate.api.ApiConfiguration;
import java.io.PrintStream;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code revoke-api-key --id ID CONFIG}: the key stops working at once, on every api instance. */
public final class RevokeApiKeyCommand extends KeyCommand {

    private final PrintStream out;

    public RevokeApiKeyCommand(PrintStream out) {
        super("revoke-api-key", "Revoke an API key by its id (see list-api-keys)");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--id").required(true).help("the key's id, as list-api-keys shows it");
    }

    @Override
    protected void execute(Namespace namespace, ApiConfiguration configuration) throws Exception {
        String text = namespace.getString("id");
        UUID id;
        try {
            id = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--id must be a key id (a UUID), got '" + text + "'");
        }
        try (ApiKeyStore store = new ApiKeyStore(configuration)) {
            if (!store.keys().revoke(id)) {
                throw new IllegalArgumentException("no active API key has id " + id);
            }
            out.println("revoked " + id);
            out.flush();
        }
    }
}
