package io.serialgate.common.error;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The error body of every internal REST endpoint:
 * {@code {"error": {"code": 404, "reason": "not_found", "message": "..."}}}.
 * (The public api answers Nova fault bodies instead.)
 */
public record ErrorBody(@JsonProperty("error") Detail error) {

    public record Detail(
            @JsonProperty("code") int code,
            @JsonProperty("reason") String reason,
            @JsonProperty("message") String message) {}

    public static ErrorBody of(int code, String reason, String message) {
        return new ErrorBody(new Detail(code, reason, message));
    }

    public static ErrorBody of(SerialgateException e) {
        return of(e.status(), e.reason(), e.getMessage());
    }
}
