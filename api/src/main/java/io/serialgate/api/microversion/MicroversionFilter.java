package io.serialgate.api.microversion;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Locale;

/**
 * Negotiates the microversion as Nova does: {@code OpenStack-API-Version: compute X.Y} first, then
 * {@code X-OpenStack-Nova-API-Version: X.Y}; none means 2.1, {@code latest} the maximum, a
 * version out of range 406. Every answer names the version it was made with.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class MicroversionFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "OpenStack-API-Version";
    public static final String LEGACY_HEADER = "X-OpenStack-Nova-API-Version";
    public static final String SERVICE = "compute";
    private static final String PROPERTY = ApiVersion.class.getName();

    /** The version negotiated for this request (2.1 if negotiation did not run). */
    public static ApiVersion of(ContainerRequestContext request) {
        Object version = request.getProperty(PROPERTY);
        return version instanceof ApiVersion v ? v : ApiVersion.MIN;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // Set the minimum first: if negotiation fails, the fault is still labelled with a version.
        request.setProperty(PROPERTY, ApiVersion.MIN);
        String requested = requested(request);
        if (requested == null) {
            return;
        }
        ApiVersion version = "latest".equalsIgnoreCase(requested.trim()) ? ApiVersion.MAX : ApiVersion.parse(requested);
        if (version.compareTo(ApiVersion.MIN) < 0 || version.compareTo(ApiVersion.MAX) > 0) {
            throw new VersionNotAcceptableException("Version " + version + " is not supported by the API. Minimum is "
                    + ApiVersion.MIN + " and maximum is " + ApiVersion.MAX + ".");
        }
        request.setProperty(PROPERTY, version);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        ApiVersion version = of(request);
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(HEADER, SERVICE + " " + version);
        headers.putSingle(LEGACY_HEADER, version.toString());
        headers.add("Vary", HEADER + ", " + LEGACY_HEADER);
    }

    /** The version text asked for, or null. A header for another service is ignored, as Nova does. */
    private static String requested(ContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header != null) {
            for (String item : header.split(",")) {
                String[] parts = item.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals(SERVICE)) {
                    return parts[1];
                }
            }
        }
        String legacy = request.getHeaderString(LEGACY_HEADER);
        return legacy == null || legacy.isBlank() ? null : legacy;
    }
}
