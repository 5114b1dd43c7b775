package io.serialgate.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.api.ApiConfiguration;
import io.serialgate.api.auth.Role;
import io.serialgate.api.core.ApiKeys;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code create-api-key --project P [--role member|admin] [--description D] CONFIG}: prints the new
 * key once, as JSON on stdout ({@code id}, {@code project_id}, {@code roles}, {@code key}).
 */
public final class CreateApiKeyCommand extends KeyCommand {

    private final PrintStream out;

    public CreateApiKeyCommand(PrintStream out) {
        super("create-api-key", "Create an API key for a project and print it (the only time it is shown)");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--project").required(true).help("the project (tenant) id the key acts for");
        subparser.addArgument("--role").choices("member", "admin").setDefault("member")
                .help("member: its own project; admin: every project");
        subparser.addArgument("--description").setDefault("").help("a note on who holds the key");
    }

    @Override
    protected void execute(Namespace namespace, ApiConfiguration configuration) throws Exception {
        EnumSet<Role> roles = EnumSet.of(Role.MEMBER);
        if ("admin".equals(namespace.getString("role"))) {
            roles.add(Role.ADMIN);
        }
        try (ApiKeyStore store = new ApiKeyStore(configuration)) {
            ApiKeys.CreatedKey created = store.keys().create(namespace.getString("project"), roles,
                    namespace.getString("description"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", created.id().toString());
            json.put("project_id", created.projectId());
            json.put("roles", Role.join(created.roles()).split(","));
            json.put("key", created.key());
            out.println(new ObjectMapper().writeValueAsString(json));
            out.flush();
        }
    }
}
