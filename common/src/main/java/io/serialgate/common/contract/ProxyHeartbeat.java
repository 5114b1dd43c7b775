package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of a proxy's heartbeat ({@link ConsoleSessionContract#PROXY_HEARTBEAT}): which
 * incarnation of the proxy is beating. A proxy keeps its proxy_id across restarts (hostname:port),
 * so the id alone cannot tell a restarted process from the one that died; the incarnation can.
 *
 * <p>{@code incarnation} is a random UUID chosen once per process. The process's first heartbeat
 * says {@code starting: true} and must succeed before it opens any session: consoleauth then
 * records it as the proxy's current incarnation and, in the same transaction, ends every still-open
 * session of that proxy_id opened under an earlier incarnation as {@code proxy-lost} (a process
 * that was killed cannot report their ends). A later heartbeat ({@code starting: false}) from an
 * incarnation that is no longer the current one is answered {@code lease_lost: true} without
 * renewing anything. A heartbeat without a body keeps the old meaning (renew whatever is open).
 */
public record ProxyHeartbeat(
        @JsonProperty("incarnation") String incarnation,
        @JsonProperty("starting") Boolean starting) {

    /** {@code starting} may be left out: it is false then. */
    public ProxyHeartbeat {
        starting = Boolean.TRUE.equals(starting);
    }

    /** The announcement a proxy process sends before its first session. */
    public static ProxyHeartbeat starting(String incarnation) {
        return new ProxyHeartbeat(incarnation, true);
    }

    /** The periodic heartbeat of a proxy process that has announced itself. */
    public static ProxyHeartbeat of(String incarnation) {
        return new ProxyHeartbeat(incarnation, false);
    }
}
