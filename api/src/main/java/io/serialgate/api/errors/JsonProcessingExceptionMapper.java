package io.serialgate.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body Jackson could not read: 400, without echoing Jackson's internals. */
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        String detail = e.getOriginalMessage() == null ? "not valid JSON"
                : e.getOriginalMessage().lines().findFirst().orElse("not valid JSON");
        return NovaFaults.response(400, "Malformed request body: " + detail + ".");
    }
}
