package io.serialgate.api.auth;

import io.serialgate.api.core.ApiKeys;
import io.serialgate.common.error.UnauthorizedException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Optional;
import java.util.Set;

/**
 * Every request must carry a valid {@code X-Auth-Token} except anonymous version discovery
 * ({@code GET /}, {@code /v2}, {@code /v2.1}, {@code /v3}), which OpenStack clients call before
 * they authenticate, and the {@code /internal/} paths, which {@link InternalAuthFilter} guards with
 * the service credential instead. Runs before matching so an unknown path without a key is a 401, not a 404.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthFilter implements ContainerRequestFilter {

    public static final String HEADER = "X-Auth-Token";
    private static final Set<String> ANONYMOUS_PATHS = Set.of("", "v2", "v2.1", "v3");

    private final ApiKeys apiKeys;

    public ApiKeyAuthFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isVersionDiscovery(request) || InternalAuthFilter.isInternal(request)) {
            return;
        }
        String presented = request.getHeaderString(HEADER);
        Optional<Caller> caller = presented == null || presented.isBlank()
                ? Optional.empty()
                : apiKeys.authenticate(presented.trim());
        if (caller.isEmpty()) {
            throw new UnauthorizedException("Authentication required");
        }
        request.setSecurityContext(new CallerSecurityContext(caller.get(),
                "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())));
    }

    private static boolean isVersionDiscovery(ContainerRequestContext request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String path = request.getUriInfo().getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return ANONYMOUS_PATHS.contains(path);
    }
}
