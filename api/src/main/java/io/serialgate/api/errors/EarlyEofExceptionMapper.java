package io.serialgate.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client went away mid-request: not a bug, so no stack trace in the log. */
public final class EarlyEofExceptionMapper implements ExceptionMapper<EofException> {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyEofExceptionMapper.class);

    @Override
    public Response toResponse(EofException e) {
        LOG.debug("event=client_disconnected");
        return NovaFaults.response(400, "The request ended early.");
    }
}
