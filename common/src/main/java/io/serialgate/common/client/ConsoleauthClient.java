package io.serialgate.common.client;

import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.AuthorizedToken;
import io.serialgate.common.contract.ConsoleauthContract;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.contract.ValidateTokenRequest;
import java.net.URI;
import java.time.Duration;

/** Typed client of consoleauth's internal REST API. */
public class ConsoleauthClient {

    private final InternalHttpClient http;

    public ConsoleauthClient(URI baseUri, String secret, Duration timeout) {
        this.http = new InternalHttpClient("consoleauth", baseUri, secret, timeout);
    }

    public AuthorizedToken authorize(AuthorizeTokenRequest request) {
        return http.post(ConsoleauthContract.TOKENS, request, AuthorizedToken.class);
    }

    /** The binding of a valid token; {@code NotFoundException} with reason token_unknown/expired/revoked otherwise. */
    public TokenBinding validate(String token) {
        return http.post(ConsoleauthContract.VALIDATE, new ValidateTokenRequest(token), TokenBinding.class);
    }
}
