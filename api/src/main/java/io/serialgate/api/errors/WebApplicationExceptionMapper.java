package io.serialgate.api.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Jersey's own refusals (unknown path, wrong method, media type) as Nova faults with a sentence. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.ResponseBuilder answer = Response.fromResponse(NovaFaults.response(status, messageFor(status)));
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            answer.header("Allow", allow);
        }
        return answer.build();
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 404 -> "The resource could not be found.";
            case 405 -> "The method is not allowed for this resource.";
            case 406 -> "The API answers application/json only.";
            case 415 -> "Unsupported Content-Type: send application/json.";
            default -> status >= 500 ? "The server could not complete the request."
                    : Response.Status.Family.familyOf(status) == Response.Status.Family.CLIENT_ERROR
                    ? "The request was refused (HTTP " + status + ")." : "HTTP " + status + ".";
        };
    }
}
