package io.serialgate.common.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.common.error.ErrorBody;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Guards the admin context ({@code /admin}), which shares the service's port and so is as reachable
 * as the api and the proxy are (the whole internet, for those). Health and metrics stay open, for
 * load balancers, Kubernetes probes and Prometheus; everything else (tasks such as
 * {@code log-level} and {@code gc}, thread dumps, CPU profiles, the admin menu) requires
 * {@code Authorization: Bearer <service_auth.secret>}, else 401 with an {@link ErrorBody}.
 *
 * <p>No exception for loopback: behind a reverse proxy on the same host every caller looks local.
 */
public final class AdminAccessFilter implements Filter {

    /** Read-only paths anyone may GET: liveness, health, metrics. */
    static final Set<String> OPEN = Set.of("/ping", "/healthcheck", "/metrics", "/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;

    /** @param secret {@code service_auth.secret}; null or empty refuses every guarded path */
    public AdminAccessFilter(String secret) {
        this.secret = secret;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (isOpen(request) || ServiceAuthFilter.carriesSecret(request.getHeader("Authorization"), secret)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        response.setStatus(401);
        response.setContentType("application/json");
        response.setHeader("WWW-Authenticate", "Bearer realm=\"serialgate-admin\"");
        JSON.writeValue(response.getOutputStream(), ErrorBody.of(401, "unauthorized",
                "This admin endpoint requires the service credential (Authorization: Bearer <service_auth.secret>);"
                        + " only ping, healthcheck, metrics and prometheus are open."));
    }

    private static boolean isOpen(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        return OPEN.contains(path);
    }
}
