package io.serialgate.serialproxy.core;

import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.SerialgateException;
import io.serialgate.common.error.UnauthorizedException;
import io.serialgate.common.error.UnavailableException;
import java.util.List;

/**
 * Everything checked before a websocket upgrade is accepted, in the order that costs least:
 * Origin, token present, subprotocol, token valid (one call to consoleauth), port free. Any
 * failure is a {@link SerialgateException} whose status is answered as plain HTTP, so nothing
 * reaches the guest and the client learns why (Nova upgrades first and then drops the socket).
 */
public final class ConsoleGate {

    /** The only subprotocol spoken: raw bytes in binary frames. */
    public static final String BINARY = "binary";

    private final OriginPolicy origins;
    private final ConsoleauthClient consoleauth;
    private final PortClaims claims;

    public ConsoleGate(OriginPolicy origins, ConsoleauthClient consoleauth, PortClaims claims) {
        this.origins = origins;
        this.consoleauth = consoleauth;
        this.claims = claims;
    }

    /** What an admitted connection may do: relay to binding's host:port while holding claim. */
    public record Admission(TokenBinding binding, PortClaims.Claim claim, String subprotocol) {}

    /**
     * @param token the {@code token} query parameter, or null
     * @param origin the Origin header, or null for non-browser clients
     * @param hostHeader the Host header
     * @param offeredSubprotocols what the client offered in Sec-WebSocket-Protocol (may be empty)
     */
    public Admission admit(String token, String origin, String hostHeader, List<String> offeredSubprotocols) {
        origins.check(origin, hostHeader);
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("token_missing",
                    "invalid token: the console URL carries no token (expected ?token=...).");
        }
        String subprotocol = chooseSubprotocol(offeredSubprotocols);
        TokenBinding binding = validate(token);
        PortClaims.Claim claim = claims.claim(binding.host(), binding.port());
        return new Admission(binding, claim, subprotocol);
    }

    private static String chooseSubprotocol(List<String> offered) {
        if (offered == null || offered.isEmpty()) {
            return null; // plain websocket clients (websocat) offer none: raw binary frames anyway
        }
        if (offered.stream().anyMatch(p -> BINARY.equalsIgnoreCase(p.trim()))) {
            return BINARY;
        }
        throw new InvalidInputException("subprotocol_unsupported",
                "unsupported websocket subprotocol " + offered + ": this proxy speaks 'binary'.");
    }

    /** consoleauth's answer, translated into what the user meets at this door. */
    private TokenBinding validate(String token) {
        try {
            return consoleauth.validate(token);
        } catch (NotFoundException | InvalidInputException e) {
            throw new UnauthorizedException(e.reason(), refusalText(e.reason()));
        } catch (UnauthorizedException e) {
            // consoleauth refused OUR credential: a deployment mistake, not the user's token.
            throw new UnavailableException("consoleauth_credential_rejected",
                    "console authentication is misconfigured (consoleauth rejected the proxy's service credential).", e);
        } catch (UnavailableException e) {
            throw new UnavailableException("consoleauth_unavailable",
                    "console authentication service unavailable; try again shortly.", e);
        }
    }

    private static String refusalText(String reason) {
        if (reason == null) {
            return "invalid token";
        }
        return switch (reason) {
            case "token_expired" -> "token expired";
            case "token_revoked" -> "token revoked";
            default -> "invalid token";
        };
    }
}
