package io.serialgate.api.core;

import io.serialgate.api.auth.Caller;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.error.ForbiddenException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nova's admin token introspection ({@code os-console-auth-tokens}, as of 2.31 where it covers
 * every console type): what a console token grants, asked of consoleauth without using the token.
 * Admins only. Neither the token nor anything derived from it is ever logged or echoed.
 */
public final class ConsoleAuthTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuthTokens.class);

    private final ConsoleauthClient consoleauth;

    public ConsoleAuthTokens(ConsoleauthClient consoleauth) {
        this.consoleauth = consoleauth;
    }

    /** The binding of a valid token; 403 for non-admins, 404 alike for unknown, expired, revoked or used tokens. */
    public TokenBinding introspect(Caller caller, String token) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("policy_not_allowed",
                    "Policy doesn't allow os_compute_api:os-console-auth-tokens to be performed.");
        }
        try {
            TokenBinding binding = InternalCalls.call("consoleauth", () -> consoleauth.validate(token));
            LOG.info("event=console_token_introspected instance={} port_index={} caller_project={}",
                    binding.instanceUuid(), binding.portIndex(), caller.projectId());
            return binding;
        } catch (NotFoundException | InvalidInputException e) {
            // consoleauth says which (unknown, expired, revoked...); the caller learns only "not found", as from Nova.
            LOG.info("event=console_token_introspection_refused reason={} caller_project={}", e.reason(), caller.projectId());
            throw new NotFoundException("token_not_found", "Token not found");
        }
    }
}
