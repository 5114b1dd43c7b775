package io.serialgate.api.errors;

import io.serialgate.api.api.RequestBodies;
import io.serialgate.api.auth.InternalAuthFilter;
import io.serialgate.common.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Runs before every other filter: refuses (413) a body whose declared length is over the limit
 * before a byte of it is read, and reads any other body, at most the limit plus one byte, into
 * memory. So a huge chunked upload costs no more than the limit, and a request refused later
 * (401, 400) has had its body read, which keeps the client's connection usable (Jetty closes a
 * connection whose request body was left unread). Public paths get a Nova overLimit fault;
 * {@code /internal/} paths common's ErrorBody.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeFilter implements ContainerRequestFilter {

    /**
     * An oversized body up to this size is read and thrown away before the 413, so the client,
     * still sending, reads the answer instead of a reset connection. Beyond it the connection is
     * simply closed after the answer (the 413 says {@code Connection: close} in every case).
     */
    static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        int limit = RequestBodies.MAX_BODY_CHARS;
        if (request.getLength() > limit) {
            if (request.getLength() <= DRAIN_LIMIT) {
                drain(request.getEntityStream());
            }
            refuse(request, "Request is too large: the body may be at most " + limit
                    + " bytes, got " + request.getLength() + ".");
            return;
        }
        if (!request.hasEntity()) {
            return;
        }
        InputStream in = request.getEntityStream();
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            drain(in);
            refuse(request, "Request is too large: the body may be at most " + limit + " bytes.");
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /** Reads and discards at most {@link #DRAIN_LIMIT} bytes: memory stays flat whatever is sent. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[16 * 1024];
        long total = 0;
        int n;
        while (total < DRAIN_LIMIT && (n = in.read(sink)) >= 0) {
            total += n;
        }
    }

    private static void refuse(ContainerRequestContext request, String message) {
        if (InternalAuthFilter.isInternal(request)) {
            request.abortWith(Response.status(413).type(MediaType.APPLICATION_JSON_TYPE).header("Connection", "close")
                    .entity(ErrorBody.of(413, "request_too_large", message)).build());
            return;
        }
        throw new RequestTooLargeException(message);
    }
}
