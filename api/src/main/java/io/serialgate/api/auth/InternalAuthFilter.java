package io.serialgate.api.auth;

import io.serialgate.common.auth.ServiceAuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Guards the api's {@code /internal/} paths with the service credential (common's
 * {@link ServiceAuthFilter}: 401 ErrorBody without {@code Authorization: Bearer <secret>}).
 * {@link ApiKeyAuthFilter} leaves those paths alone; no API key opens them.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class InternalAuthFilter implements ContainerRequestFilter {

    public static final String PREFIX = "internal/";

    private final ServiceAuthFilter serviceAuth;

    public InternalAuthFilter(String secret) {
        this.serviceAuth = new ServiceAuthFilter(secret);
    }

    public static boolean isInternal(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.startsWith(PREFIX);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isInternal(request)) {
            serviceAuth.filter(request);
        }
    }
}
