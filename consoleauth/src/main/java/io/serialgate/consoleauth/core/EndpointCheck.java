package io.serialgate.consoleauth.core;

import io.serialgate.consoleauth.db.TokenRow;

/**
 * Confirms, at validation, that the (host, port) a token was issued for is still where serial
 * port {@code port_index} of its server listens. A token is bound to a server's serial port, not
 * to a raw host:port: after a move, or after the port was released and handed to another guest,
 * the old (host, port) must not be returned (Nova could send a stale token to a different guest).
 */
public interface EndpointCheck {

    /** No confirmation: used when consoleauth is not told where compute-driver is. */
    EndpointCheck NONE = new EndpointCheck() {
        @Override
        public void confirm(TokenRow token) {}

        @Override
        public boolean appliesTo(TokenRow token) {
            return false;
        }
    };

    /** False when {@link #confirm} would return at once without asking anyone (nothing to wait for). */
    default boolean appliesTo(TokenRow token) {
        return true;
    }

    /**
     * Returns normally if the token's endpoint is current; throws {@code NotFoundException}
     * {@code token_stale} if it moved or is gone, {@code UnavailableException} if it cannot be told.
     */
    void confirm(TokenRow token);
}
