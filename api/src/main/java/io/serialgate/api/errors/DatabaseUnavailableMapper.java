package io.serialgate.api.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL unreachable (no connection could be had): 503, like any other backend that is down. */
public final class DatabaseUnavailableMapper implements ExceptionMapper<ConnectionException> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableMapper.class);

    @Override
    public Response toResponse(ConnectionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        LOG.warn("event=database_unavailable type={} detail=\"{}\"", cause.getClass().getSimpleName(), cause.getMessage());
        return NovaFaults.response(503, "The database is unavailable at this time.");
    }
}
