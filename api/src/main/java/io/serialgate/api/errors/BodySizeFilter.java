package io.serialgate.api.errors;

import io.serialgate.api.api.RequestBodies;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Refuses a body whose declared length is over the limit before a byte of it is read, so a huge
 * upload costs no memory. Bodies without a length are still capped when read ({@link RequestBodies}).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        int length = request.getLength();
        if (length > RequestBodies.MAX_BODY_CHARS) {
            throw new RequestTooLargeException("Request is too large: the body may be at most "
                    + RequestBodies.MAX_BODY_CHARS + " bytes, got " + length + ".");
        }
    }
}
