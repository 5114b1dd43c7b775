package io.serialgate.consoleauth.core;

import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.client.ComputeClients;
import io.serialgate.common.contract.ComputeContract;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.SerialgateException;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.consoleauth.db.TokenRow;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks compute-driver where serial port {@code port_index} of the token's server listens now, and
 * refuses the token ({@code token_stale}) if that is not the (host, port) it was issued for, or if
 * the server or its port no longer exists. A server that is shut off is refused with 409
 * ({@code server_not_running}): the token stays valid for when it runs again, and the user is told
 * why instead of meeting a guest that does not answer. When compute-driver cannot answer, the token is refused
 * with 503 ({@code compute_unavailable}): consoleauth never hands out an endpoint it could not confirm.
 *
 * <p>The compute-driver asked is the one the api named when it asked for the token (the server's
 * compute host, so every host of a multi-host cloud is checked at its own driver), else the
 * configured {@code internal.compute_url}. A token naming neither is not re-checked.
 */
public final class ComputeEndpointCheck implements EndpointCheck {

    public static final String STALE = "token_stale";

    private static final Logger LOG = LoggerFactory.getLogger(ComputeEndpointCheck.class);

    private final URI configured;
    private final ComputeClients clients;

    /**
     * @param configured {@code internal.compute_url}, or null when none is configured
     * @param clients the client of each compute-driver asked
     */
    public ComputeEndpointCheck(URI configured, ComputeClients clients) {
        this.configured = configured;
        this.clients = clients;
    }

    @Override
    public boolean appliesTo(TokenRow token) {
        return computeUrlOf(token) != null;
    }

    @Override
    public void confirm(TokenRow token) {
        URI url = computeUrlOf(token);
        if (url == null) {
            return;
        }
        ComputeClient compute = clients.forUrl(url);
        SerialConsoleEndpoint current;
        try {
            current = compute.serialConsole(token.instanceUuid(), token.portIndex());
        } catch (NotFoundException e) {
            throw stale(token, e.reason());
        } catch (ConflictException e) {
            if (ComputeContract.SERVER_NOT_RUNNING.equals(e.reason())) {
                LOG.info("event=token_refused reason={} instance={} port_index={}",
                        ComputeContract.SERVER_NOT_RUNNING, token.instanceUuid(), token.portIndex());
                throw new ConflictException(ComputeContract.SERVER_NOT_RUNNING,
                        "server not running: start it, then open the console again.");
            }
            throw unavailable(token, e);
        } catch (SerialgateException e) {
            throw unavailable(token, e);
        }
        if (current == null || current.host() == null
                || !current.host().equalsIgnoreCase(token.host()) || current.port() != token.port()) {
            throw stale(token, "endpoint_moved");
        }
    }

    private static UnavailableException unavailable(TokenRow token, SerialgateException e) {
        LOG.warn("event=endpoint_check_failed instance={} port_index={} compute_reason={}",
                token.instanceUuid(), token.portIndex(), e.reason());
        return new UnavailableException("compute_unavailable",
                "Cannot confirm where the serial console listens: compute-driver answered " + e.reason() + ".");
    }

    private URI computeUrlOf(TokenRow token) {
        return token.computeUrl() == null ? configured : URI.create(token.computeUrl());
    }

    private static NotFoundException stale(TokenRow token, String why) {
        LOG.info("event=token_refused reason={} why={} instance={} port_index={}",
                STALE, why, token.instanceUuid(), token.portIndex());
        return new NotFoundException(STALE,
                "The console token is stale: serial port " + token.portIndex() + " of its server has moved or is gone.");
    }
}
