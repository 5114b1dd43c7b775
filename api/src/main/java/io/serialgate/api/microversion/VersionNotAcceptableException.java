package io.serialgate.api.microversion;

import io.serialgate.common.error.SerialgateException;

/** A requested microversion outside MIN..MAX: Nova answers 406. */
public final class VersionNotAcceptableException extends SerialgateException {

    public VersionNotAcceptableException(String message) {
        super("microversion_not_supported", message);
    }

    @Override
    public int status() {
        return 406;
    }
}
