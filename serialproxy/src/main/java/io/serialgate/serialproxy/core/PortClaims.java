package io.serialgate.serialproxy.core;

import io.serialgate.common.error.ConflictException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One writer per serial port on this proxy: a guest's serial port is a single TCP stream, and two
 * writers would interleave their keystrokes. A claim is taken before the websocket upgrade and
 * released exactly once when the console closes.
 */
public final class PortClaims {

    private final Set<String> claimed = ConcurrentHashMap.newKeySet();

    /** A held claim; {@link #release()} is idempotent. */
    public final class Claim {
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Claim(String key) {
            this.key = key;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                claimed.remove(key);
            }
        }
    }

    /** @throws ConflictException reason console_in_use when the port already has a writer here */
    public Claim claim(String host, int port) {
        String key = host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
        if (!claimed.add(key)) {
            throw new ConflictException("console_in_use",
                    "console in use: this serial port already has a connected writer.");
        }
        return new Claim(key);
    }

    public int size() {
        return claimed.size();
    }
}
