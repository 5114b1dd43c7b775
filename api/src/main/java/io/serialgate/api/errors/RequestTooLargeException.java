package io.serialgate.api.errors;

import io.serialgate.common.error.SerialgateException;

/** A request body bigger than the api accepts (Nova's 413 overLimit). */
public final class RequestTooLargeException extends SerialgateException {

    public RequestTooLargeException(String message) {
        super("request_too_large", message);
    }

    @Override
    public int status() {
        return 413;
    }
}
