package io.serialgate.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: a bug. The stack trace goes to the log under an error id; the client gets a
 * 500 fault naming that id and nothing else.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("event=unexpected_error error_id={} type={}", errorId, e.getClass().getName(), e);
        return NovaFaults.response(500, "Unexpected API Error (error id " + errorId
                + "). Please report this at the serialgate issue tracker.");
    }
}
