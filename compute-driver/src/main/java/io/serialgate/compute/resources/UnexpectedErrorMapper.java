package io.serialgate.compute.resources;

import io.serialgate.common.error.ErrorBody;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else is a bug or an outage: 500 with an ErrorBody carrying an error id that matches
 * the log line, never a stack trace.
 */
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("event=unexpected_error error_id={}", errorId, e);
        return JsonErrorMapper.json(500, ErrorBody.of(500, "internal_error",
                "The compute host failed to handle the request (error id " + errorId + ")."));
    }
}
