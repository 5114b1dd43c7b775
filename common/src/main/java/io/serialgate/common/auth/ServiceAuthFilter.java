package io.serialgate.common.auth;

import io.serialgate.common.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Guards every resource of an internal service: the request must carry
 * {@code Authorization: Bearer <service_auth.secret>}, else 401 with an {@link ErrorBody}.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ServiceAuthFilter implements ContainerRequestFilter {

    public static final String SCHEME = "Bearer ";

    private final String secret;

    public ServiceAuthFilter(String secret) {
        this.secret = secret;
    }

    /** Whether an Authorization header value is {@code Bearer <secret>} (constant time; false for an empty secret). */
    public static boolean carriesSecret(String authorizationHeader, String secret) {
        return secret != null && !secret.isEmpty() && authorizationHeader != null
                && authorizationHeader.startsWith(SCHEME)
                && Secrets.constantTimeEquals(authorizationHeader.substring(SCHEME.length()), secret);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!carriesSecret(request.getHeaderString(HttpHeaders.AUTHORIZATION), secret)) {
            request.abortWith(Response.status(401)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"serialgate-internal\"")
                    .entity(ErrorBody.of(401, "unauthorized",
                            "This internal endpoint requires the service credential."))
                    .build());
        }
    }
}
