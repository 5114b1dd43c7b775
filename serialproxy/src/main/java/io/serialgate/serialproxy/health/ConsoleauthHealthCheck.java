package io.serialgate.serialproxy.health;

import com.codahale.metrics.health.HealthCheck;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Healthy when consoleauth accepts TCP connections: without it no console can be opened.
 * (A connect, not an authenticated call, so the check never needs a token.)
 */
public final class ConsoleauthHealthCheck extends HealthCheck {

    private final URI consoleauthUrl;
    private final int timeoutMillis;

    public ConsoleauthHealthCheck(URI consoleauthUrl, int timeoutSeconds) {
        this.consoleauthUrl = consoleauthUrl;
        this.timeoutMillis = Math.min(timeoutSeconds, 5) * 1000;
    }

    @Override
    protected Result check() {
        int port = consoleauthUrl.getPort() > 0 ? consoleauthUrl.getPort()
                : "https".equals(consoleauthUrl.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(consoleauthUrl.getHost(), port), timeoutMillis);
            return Result.healthy("consoleauth reachable at %s", consoleauthUrl);
        } catch (Exception e) {
            return Result.unhealthy("consoleauth unreachable at %s (%s)", consoleauthUrl, e.getClass().getSimpleName());
        }
    }
}
