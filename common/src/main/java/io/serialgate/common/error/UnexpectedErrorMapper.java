package io.serialgate.common.error;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else on an internal service is a bug or an outage: 500 {@code internal_error} with an
 * {@link ErrorBody} carrying an error id that points at the one log line with the stack trace.
 * The caller never sees the trace nor the exception's message (it may hold a value it sent).
 */
@Priority(InternalApiMappers.PRIORITY)
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    private final String serviceName;

    /** {@code serviceName} is named in the answer ("consoleauth could not handle the request"). */
    public UnexpectedErrorMapper(String serviceName) {
        this.serviceName = serviceName;
    }

    @Override
    public Response toResponse(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.error("event=internal_error error_id={} error={}", id, e.getClass().getName(), e);
        return Response.status(500)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(500, "internal_error",
                        serviceName + " could not handle the request (error id " + id + ")"))
                .build();
    }
}
