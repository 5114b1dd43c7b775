package io.serialgate.common.app;

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
 * Reads every request body of an internal service (at most {@link #MAX_BODY} bytes) before
 * anything can refuse the request. Without this, a refusal that leaves the body unread (401 from
 * the credential filter, 400 on malformed JSON) makes Jetty close the connection after answering,
 * and a pooled client that reuses it ({@link io.serialgate.common.client.InternalHttpClient})
 * fails its next call with an I/O error. A larger body is answered 413 {@code request_too_large}.
 * Runs first of all filters (pre-matching, before authentication).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public final class RequestBodyBuffer implements ContainerRequestFilter {

    /** The largest legitimate internal request (a spawn, a token authorization) is well under 4 KiB. */
    public static final int MAX_BODY = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        byte[] body;
        try (InputStream in = request.getEntityStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            request.abortWith(Response.status(413)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(413, "request_too_large",
                            "body: must be at most " + MAX_BODY + " bytes"))
                    .build());
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }
}
