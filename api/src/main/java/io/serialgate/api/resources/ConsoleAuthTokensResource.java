package io.serialgate.api.resources;

import io.serialgate.api.auth.CallerSecurityContext;
import io.serialgate.api.core.ConsoleAuthTokens;
import io.serialgate.common.contract.TokenBinding;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nova's {@code GET /v2.1/os-console-auth-tokens/{token}} (admin only), answered as Nova 2.31
 * does for serial tokens. Served at every microversion this api speaks: Nova has the route since
 * 2.1, and 2.31 only extended it from RDP to every console type. The token in the path is kept out
 * of the request log by {@code TokenSafeRequestLog}.
 */
@Path("/{base: v2\\.1|v2\\.1/[^/]+|v2/[^/]+}/os-console-auth-tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class ConsoleAuthTokensResource {

    private final ConsoleAuthTokens tokens;

    public ConsoleAuthTokensResource(ConsoleAuthTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Path("{token}")
    public Map<String, Object> show(@PathParam("token") String token, @Context SecurityContext security) {
        TokenBinding binding = tokens.introspect(CallerSecurityContext.callerOf(security), token);
        Map<String, Object> console = new LinkedHashMap<>();
        console.put("instance_uuid", binding.instanceUuid());
        console.put("host", binding.host());
        console.put("port", binding.port());
        console.put("internal_access_path", null);
        return Map.of("console", console);
    }
}
