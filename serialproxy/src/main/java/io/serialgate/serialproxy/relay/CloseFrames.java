package io.serialgate.serialproxy.relay;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the close frame that ends a console from the proxy's side. A close frame that cannot be
 * written leaves the page without its reason (it sees 1006 at best), so its failure is logged
 * rather than dropped: a close that went missing in a browser test once left no trace at all.
 */
final class CloseFrames {

    private static final Logger LOG = LoggerFactory.getLogger(CloseFrames.class);

    private CloseFrames() {}

    /** Closes {@code session} with {@code code} and {@code reason} unless its output is already closed. */
    static void close(Session session, int code, String reason, String role, String sessionId) {
        if (session == null || !session.isOpen()) {
            LOG.info("event=console_close_frame_skipped role={} session={} code={} why=output_already_closed",
                    role, sessionId, code);
            return;
        }
        // INFO, not WARN: the close frame's callback also fails when the connection ends right
        // after the frame went out (seen once while the page still showed the reason).
        session.close(code, reason, Callback.from(() -> { }, failure ->
                LOG.info("event=console_close_frame_failed role={} session={} code={} reason=\"{}\" error={}",
                        role, sessionId, code, reason, failure.toString())));
    }
}
