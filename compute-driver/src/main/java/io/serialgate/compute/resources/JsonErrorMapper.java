package io.serialgate.compute.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.serialgate.common.error.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A request body that is not JSON, or not the JSON expected: 400 with an ErrorBody. */
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorMapper.class);

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            // Our own type cannot be (de)serialised: a bug, not the caller's fault.
            LOG.error("event=json_definition_error error={}", e.getOriginalMessage());
            return json(500, ErrorBody.of(500, "internal_error", "The server failed to handle the request."));
        }
        return json(400, ErrorBody.of(400, "invalid_json",
                "The request body is not valid JSON for this endpoint: " + e.getOriginalMessage()));
    }

    static Response json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
