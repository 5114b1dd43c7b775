package io.serialgate.api.core;

import io.serialgate.common.error.ForbiddenException;
import io.serialgate.common.error.UnauthorizedException;
import io.serialgate.common.error.UnavailableException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an internal service on behalf of a user. An internal 401/403 means the services disagree
 * on {@code service_auth.secret}: that is the operator's problem, so the user sees 503, never a
 * 401 that would make a client drop its perfectly good API key. An unavailable service is named
 * to the user without its internal address.
 */
final class InternalCalls {

    private static final Logger LOG = LoggerFactory.getLogger(InternalCalls.class);

    private InternalCalls() {}

    static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (UnauthorizedException | ForbiddenException e) {
            LOG.error("event=internal_credential_rejected service={} reason={}", service, e.reason());
            throw new UnavailableException("internal_auth_failed",
                    "The " + service + " service is unavailable at this time.", e);
        } catch (UnavailableException e) {
            // The detail names internal addresses: it goes to the log, not to the public client.
            LOG.warn("event=internal_service_unavailable service={} reason={} detail=\"{}\"",
                    service, e.reason(), e.getMessage());
            throw new UnavailableException(e.reason(), "The " + service + " service is unavailable at this time.", e);
        }
    }

    static void run(String service, Runnable call) {
        call(service, () -> {
            call.run();
            return null;
        });
    }
}
