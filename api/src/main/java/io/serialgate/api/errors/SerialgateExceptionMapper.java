package io.serialgate.api.errors;

import io.serialgate.common.error.SerialgateException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place a {@link SerialgateException} becomes a status and a Nova fault body. */
public final class SerialgateExceptionMapper implements ExceptionMapper<SerialgateException> {

    private static final Logger LOG = LoggerFactory.getLogger(SerialgateExceptionMapper.class);

    @Override
    public Response toResponse(SerialgateException e) {
        if (e.status() >= 500) {
            LOG.warn("event=request_failed status={} reason={} message=\"{}\"", e.status(), e.reason(), e.getMessage());
        } else {
            LOG.debug("event=request_refused status={} reason={}", e.status(), e.reason());
        }
        return NovaFaults.response(e.status(), e.getMessage());
    }
}
