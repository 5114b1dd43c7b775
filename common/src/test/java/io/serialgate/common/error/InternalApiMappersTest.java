package io.serialgate.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.Priority;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** The shared internal-API exception mappers: field-naming 400s, ErrorBody for Jersey's refusals, no leaks on 500. */
class InternalApiMappersTest {

    record Sample(@JsonProperty("port") int port, @JsonProperty("name") String name) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static String describe(String body) {
        try {
            JSON.readValue(body, Sample.class);
        } catch (JsonProcessingException e) {
            return JsonErrorMapper.describe(e);
        }
        throw new AssertionError("expected " + body + " to be refused");
    }

    @Test
    void jsonErrorsNameTheFieldAndNeverEchoTheBody() {
        assertEquals("body: is not valid JSON", describe("{\"name\": secret-token-value"));
        assertEquals("body: a JSON object is required", describe("[]"));
        assertEquals("port: is required and must be an integer", describe("{\"port\": null}"));
        assertEquals("port: is required and must be an integer", describe("{\"port\": \"x\"}"));
        assertEquals("extra: is not a known field", describe("{\"port\": 1, \"extra\": 2}"));

        Response response = new JsonErrorMapper().toResponse(new com.fasterxml.jackson.core.JsonParseException(
                null, "Unexpected character: secret-token-value"));
        ErrorBody body = (ErrorBody) response.getEntity();
        assertEquals(400, response.getStatus());
        assertEquals("invalid_input", body.error().reason());
        assertFalse(body.error().message().contains("secret"), body.error().message());
    }

    @Test
    void jerseyRefusalsBecomeErrorBodiesKeepingStatusAndHeaders() {
        Response notFound = new HttpErrorMapper().toResponse(new NotFoundException());
        assertEquals(404, notFound.getStatus());
        assertEquals("not_found", ((ErrorBody) notFound.getEntity()).error().reason());

        Response notAllowed = new HttpErrorMapper().toResponse(new NotAllowedException("GET"));
        assertEquals(405, notAllowed.getStatus());
        assertEquals("method_not_allowed", ((ErrorBody) notAllowed.getEntity()).error().reason());
        assertTrue(notAllowed.getHeaderString("Allow").contains("GET"));
    }

    @Test
    void unexpectedErrorsAnswer500WithAnIdAndNothingOfTheException() {
        Response response = new UnexpectedErrorMapper("testsvc")
                .toResponse(new IllegalStateException("password=hunter2"));
        ErrorBody body = (ErrorBody) response.getEntity();
        assertEquals(500, response.getStatus());
        assertEquals("internal_error", body.error().reason());
        assertTrue(body.error().message().matches("testsvc could not handle the request \\(error id [0-9a-f-]{36}\\)"),
                body.error().message());
    }

    @Test
    void aServicesOwnUnprioritisedMapperOutranksTheSharedOnes() {
        // JAX-RS picks the lowest priority value among mappers of the same exception type.
        for (Class<?> mapper : new Class<?>[] {JsonErrorMapper.class, HttpErrorMapper.class, UnexpectedErrorMapper.class}) {
            assertTrue(mapper.getAnnotation(Priority.class).value() > Priorities.USER, mapper.getSimpleName());
        }
    }
}
