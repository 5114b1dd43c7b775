package io.serialgate.client.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import io.serialgate.client.api.NovaFault;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens the console websocket (subprotocol {@code binary}) with the JDK's client. A refused
 * upgrade becomes a failure with the exit code of its HTTP status; an unreachable proxy a network
 * failure. Messages name the proxy without the query, so the token is never printed.
 */
public final class ConsoleConnector {

    public static final String SUBPROTOCOL = "binary";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final ObjectMapper json;
    private final PrintStream debug;

    public ConsoleConnector(HttpClient http, ObjectMapper json, PrintStream debug) {
        this.http = http;
        this.json = json;
        this.debug = debug;
    }

    public WebSocket open(URI consoleUrl, WebSocket.Listener listener) {
        URI webSocketUri = ConsoleUrls.webSocketUri(consoleUrl);
        String where = ConsoleUrls.withoutToken(webSocketUri);
        if (debug != null) {
            debug.println("debug: opening websocket " + where + " (subprotocol " + SUBPROTOCOL + ")");
        }
        try {
            return http.newWebSocketBuilder()
                    .subprotocols(SUBPROTOCOL)
                    .header("Origin", ConsoleUrls.origin(consoleUrl))
                    .connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(webSocketUri, listener)
                    .get(CONNECT_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw failure(e.getCause(), where);
        } catch (IllegalArgumentException e) {
            throw ClientFailure.serverError("the api answered a console URL the websocket client cannot open: " + where);
        } catch (TimeoutException e) {
            throw ClientFailure.network("the console proxy at " + where + " did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClientFailure.network("interrupted while connecting to the console proxy", e);
        }
    }

    private String reasonOf(Object body, int status) {
        byte[] bytes = body instanceof byte[] b ? b : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
        String message = NovaFault.message(json, status, bytes);
        return message.startsWith("the server answered HTTP") ? "no reason given" : message;
    }

    private ClientFailure failure(Throwable cause, String where) {
        if (cause instanceof WebSocketHandshakeException refused) {
            int status = refused.getResponse().statusCode();
            if (status == 101) {
                return ClientFailure.serverError("the console proxy at " + where + " answered a websocket handshake that is not valid");
            }
            // serialproxy refuses before the upgrade with a 4xx and a JSON reason ("console in use").
            String reason = reasonOf(refused.getResponse().body(), status);
            return new ClientFailure(ExitCode.forHttpStatus(status),
                    "the console proxy at " + where + " refused the connection: " + reason + " (HTTP " + status + ")", cause);
        }
        if (cause instanceof javax.net.ssl.SSLHandshakeException) {
            return ClientFailure.network("TLS handshake with the console proxy at " + where
                    + " failed, is its certificate trusted? (see --cacert)", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return ClientFailure.network("timed out connecting to the console proxy at " + where, cause);
        }
        if (cause instanceof ConnectException) {
            return ClientFailure.network("cannot reach the console proxy at " + where + ": connection refused", cause);
        }
        String message = cause == null ? "unknown error" : String.valueOf(cause.getMessage());
        return ClientFailure.network("cannot connect to the console proxy at " + where + ": " + message, cause);
    }
}
