package io.serialgate.serialproxy.core;

import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.contract.ConsoleSessionContract;
import io.serialgate.common.contract.OpenedSession;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.SerialgateException;
import io.serialgate.common.error.UnauthorizedException;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.serialproxy.sessions.SessionOpener;
import java.util.List;

/**
 * Everything checked before a websocket upgrade is accepted, in the order that costs least:
 * Origin, token present, subprotocol, then one call to consoleauth that checks the token and opens
 * the console session (a writer's claim is exclusive across every proxy), then this proxy's own
 * claim (which lets viewers find the open console). Any
 * failure is a {@link SerialgateException} whose status is answered as plain HTTP, so nothing
 * reaches the guest and the client learns why (Nova upgrades first and then drops the socket).
 *
 * @param <C> the open console type held by {@link PortClaims}
 */
public final class ConsoleGate<C> {

    /** Raw bytes in binary frames: what the terminal page speaks. */
    public static final String BINARY = "binary";
    /** Base64 in text frames, for old clients. */
    public static final String BASE64 = "base64";

    public enum Mode {
        /** The one connection that may type. */
        WRITE,
        /** Read-only: sees the writer's output, its input is dropped. */
        VIEW;

        /** {@code ?mode=view} joins as a viewer; absent or {@code write} is the writer. */
        public static Mode parse(String mode) {
            if (mode == null || mode.isBlank() || mode.equalsIgnoreCase("write")) {
                return WRITE;
            }
            if (mode.equalsIgnoreCase("view")) {
                return VIEW;
            }
            throw new InvalidInputException("mode_invalid", "mode must be 'view' or 'write', got '"
                    + (mode.length() > 20 ? mode.substring(0, 20) + "..." : mode) + "'");
        }
    }

    private final OriginPolicy origins;
    private final ConsoleauthClient consoleauth;
    private final PortClaims<C> claims;
    private final SessionOpener sessions;
    private final SessionEnder abandon;

    /** Ends a session opened in consoleauth that was then refused here (no websocket ever carried it). */
    @FunctionalInterface
    public interface SessionEnder {
        void abandon(String sessionId);
    }

    public ConsoleGate(OriginPolicy origins, ConsoleauthClient consoleauth, PortClaims<C> claims, SessionOpener sessions,
            SessionEnder abandon) {
        this.origins = origins;
        this.consoleauth = consoleauth;
        this.claims = claims;
        this.sessions = sessions;
        this.abandon = abandon;
    }

    /**
     * What an admitted connection may do. A writer holds a fresh claim it must release; a viewer
     * gets the writer's claim (to find the open console) and must not release it.
     */
    public record Admission<C>(TokenBinding binding, Mode mode, PortClaims<C>.Claim claim, String subprotocol,
            String sessionId) {}

    /**
     * @param token the {@code token} query parameter, or null
     * @param origin the Origin header, or null for non-browser clients
     * @param hostHeader the Host header
     * @param offeredSubprotocols what the client offered in Sec-WebSocket-Protocol (may be empty)
     * @param mode the {@code mode} query parameter, or null
     * @param clientAddress the browser's address:port, recorded with the session
     * @param userAgent the User-Agent header, or null
     */
    public Admission<C> admit(String token, String origin, String hostHeader, List<String> offeredSubprotocols,
            String mode, String clientAddress, String userAgent) {
        origins.check(origin, hostHeader);
        Mode parsedMode = Mode.parse(mode);
        requireToken(token);
        String subprotocol = chooseSubprotocol(offeredSubprotocols);
        OpenedSession opened = open(token, clientAddress, userAgent,
                parsedMode == Mode.VIEW ? ConsoleSessionContract.ROLE_VIEWER : ConsoleSessionContract.ROLE_WRITER);
        TokenBinding binding = opened.binding();
        String sessionId = opened.session().sessionId();
        try {
            PortClaims<C>.Claim claim = parsedMode == Mode.VIEW
                    ? openConsole(binding)
                    // consoleauth just gave us the writer slot; a local holder means it had
                    // already written off that writer (lost lease) while it still runs here.
                    : claims.claim(binding.host(), binding.port());
            return new Admission<>(binding, parsedMode, claim, subprotocol, sessionId);
        } catch (SerialgateException e) {
            abandon.abandon(sessionId);
            throw e;
        }
    }

    /**
     * The same checks as {@link #admit} without taking anything: lets the terminal page, which
     * cannot read the HTTP answer of a refused websocket, tell the user why it was refused.
     */
    public void probe(String token, String origin, String hostHeader, String mode) {
        origins.check(origin, hostHeader);
        Mode parsedMode = Mode.parse(mode);
        requireToken(token);
        TokenBinding binding = validate(token);
        if (parsedMode == Mode.VIEW) {
            openConsole(binding);
        } else if (claims.current(binding.host(), binding.port()) != null) {
            throw PortClaims.inUse();
        }
    }

    private PortClaims<C>.Claim openConsole(TokenBinding binding) {
        PortClaims<C>.Claim writer = claims.current(binding.host(), binding.port());
        if (writer == null || writer.console() == null) {
            throw new ConflictException("console_not_open",
                    "console not open: viewers can only join a console that has a connected writer.");
        }
        return writer;
    }

    private static void requireToken(String token) {
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("token_missing",
                    "invalid token: the console URL carries no token (expected ?token=...).");
        }
    }

    private static String chooseSubprotocol(List<String> offered) {
        if (offered == null || offered.isEmpty()) {
            return null; // plain websocket clients (websocat) offer none: raw binary frames anyway
        }
        for (String preferred : List.of(BINARY, BASE64)) {
            if (offered.stream().anyMatch(p -> preferred.equalsIgnoreCase(p.trim()))) {
                return preferred;
            }
        }
        throw new InvalidInputException("subprotocol_unsupported",
                "unsupported websocket subprotocol " + offered + ": this proxy speaks 'binary' (or 'base64').");
    }

    /** consoleauth's answer, translated into what the user meets at this door. */
    private TokenBinding validate(String token) {
        return translated(() -> consoleauth.validate(token));
    }

    private OpenedSession open(String token, String clientAddress, String userAgent, String role) {
        // console_in_use (409) passes through untouched: its message names the holder and since when.
        return translated(() -> sessions.open(token, clientAddress, userAgent, role));
    }

    private static <T> T translated(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ConflictException e) {
            throw e;
        } catch (NotFoundException | InvalidInputException e) {
            throw new UnauthorizedException(e.reason(), refusalText(e.reason()));
        } catch (UnauthorizedException e) {
            // consoleauth refused OUR credential: a deployment mistake, not the user's token.
            throw new UnavailableException("consoleauth_credential_rejected",
                    "console authentication is misconfigured (consoleauth rejected the proxy's service credential).", e);
        } catch (UnavailableException e) {
            if ("compute_unavailable".equals(e.reason())) {
                throw e; // consoleauth re-checks the port with compute-driver, which did not answer
            }
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
