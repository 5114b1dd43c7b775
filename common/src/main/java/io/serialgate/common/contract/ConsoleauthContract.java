package io.serialgate.common.contract;

/** Paths of consoleauth's internal REST API (all require the service credential). */
public final class ConsoleauthContract {
    /** POST {@link AuthorizeTokenRequest} → 201 {@link AuthorizedToken}. */
    public static final String TOKENS = "/v1/tokens";
    /** POST {@link ValidateTokenRequest} → 200 {@link TokenBinding}; 404 with reason token_unknown, token_expired or token_revoked. */
    public static final String VALIDATE = "/v1/tokens/validate";

    private ConsoleauthContract() {}
}
