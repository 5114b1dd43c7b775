package io.serialgate.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/**
 * A request body of an internal service that is not JSON, or JSON of the wrong shape, answers
 * 400 {@code invalid_input} with an {@link ErrorBody} naming the field. The message is written
 * here, never copied from Jackson, so no part of the request (which may hold a token) is echoed.
 * Registered by {@code SerialgateApplication.protectInternalApi}; see {@link InternalApiMappers}
 * for its priority.
 */
@Priority(InternalApiMappers.PRIORITY)
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        return Response.status(400)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(400, "invalid_input", describe(e)))
                .build();
    }

    /** "field: what is wrong", from the exception's path and kind only. */
    public static String describe(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return e instanceof MismatchedInputException
                    ? "body: a JSON object is required"
                    : "body: is not valid JSON";
        }
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (e instanceof UnrecognizedPropertyException) {
            return field + ": is not a known field";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return field + ": " + expectation(mismatch.getTargetType());
        }
        return field + ": has an invalid value";
    }

    private static String expectation(Class<?> type) {
        if (type == int.class || type == long.class || type == short.class) {
            return "is required and must be an integer";
        }
        if (type == Integer.class || type == Long.class || type == Short.class) {
            return "must be an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        return "must be a " + type.getSimpleName();
    }
}
