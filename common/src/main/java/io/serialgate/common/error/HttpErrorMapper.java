package io.serialgate.common.error;

import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;

/**
 * Jersey's own refusals on an internal service (unknown path 404, wrong method 405, wrong media
 * type 415, ...) answer with an {@link ErrorBody} like every other error, keeping Jersey's status
 * and headers (Allow, ...). The reason is the status phrase as a word: {@code not_found},
 * {@code method_not_allowed}, {@code unsupported_media_type}.
 */
@Priority(InternalApiMappers.PRIORITY)
public final class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType type = original.getStatusInfo();
        String phrase = type.getReasonPhrase() == null || type.getReasonPhrase().isBlank()
                ? "http " + status : type.getReasonPhrase();
        String reason = phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return Response.fromResponse(original)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(status, reason, "HTTP " + status + " " + phrase))
                .build();
    }
}
