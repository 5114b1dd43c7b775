package io.serialgate.serialproxy.sessions;

import io.serialgate.common.contract.OpenedSession;

/** Opens a console session in consoleauth (the token check and the cross-proxy writer claim in one call). */
@FunctionalInterface
public interface SessionOpener {

    /**
     * @param role {@code writer} or {@code viewer}
     * @throws io.serialgate.common.error.SerialgateException consoleauth's refusal (token_*, console_in_use) or unavailability
     */
    OpenedSession open(String token, String clientAddress, String userAgent, String role);
}
