package io.serialgate.compute.resources;

import io.serialgate.common.error.ErrorBody;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Jersey's own refusals (unknown path, wrong method or media type) answered as an ErrorBody. */
public final class WebApplicationErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(status, reason(status), message(status)));
        // Keep Allow on 405 so the caller learns which methods exist.
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            response.header("Allow", allow);
        }
        return response.build();
    }

    private static String reason(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> status < 500 ? "invalid_input" : "internal_error";
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 404 -> "No such resource on this compute host.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "This resource only answers application/json.";
            case 415 -> "The request body must be application/json.";
            default -> Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                    : Response.Status.fromStatusCode(status).getReasonPhrase() + ".";
        };
    }
}
