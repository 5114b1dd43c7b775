package io.serialgate.common.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Answers a {@link SerialgateException} on an internal endpoint with its status and {@link ErrorBody}. */
public final class InternalErrorMapper implements ExceptionMapper<SerialgateException> {

    @Override
    public Response toResponse(SerialgateException e) {
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(e))
                .build();
    }
}
