package io.serialgate.api.auth;

import jakarta.ws.rs.core.SecurityContext;

/** Carries the authenticated {@link Caller} from the auth filter to the resources. */
public final class CallerSecurityContext implements SecurityContext {

    public static final String AUTH_SCHEME = "X-Auth-Token";

    private final Caller caller;
    private final boolean secure;

    public CallerSecurityContext(Caller caller, boolean secure) {
        this.caller = caller;
        this.secure = secure;
    }

    /** The caller of a request that passed the auth filter. */
    public static Caller callerOf(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        // Only reachable if a resource is exempted from the filter by mistake.
        throw new IllegalStateException("request reached a resource without an authenticated caller");
    }

    @Override
    public Caller getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.roles().stream().anyMatch(r -> r.wireName().equals(role));
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return AUTH_SCHEME;
    }
}
