package io.serialgate.serialproxy.core;

import io.serialgate.common.contract.ConsoleSessionContract;
import io.serialgate.common.error.ConflictException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One writer per serial port on this proxy: a guest's serial port is a single TCP stream, and two
 * writers would interleave their keystrokes. A claim is taken before the websocket upgrade and
 * released exactly once when the console closes. While held, the claim carries the open console
 * so read-only viewers can find it.
 *
 * @param <C> the open console type (kept generic so this class stays free of websocket types)
 */
public final class PortClaims<C> {

    private final Map<String, Claim> claimed = new ConcurrentHashMap<>();

    /** A held claim; {@link #release()} is idempotent. */
    public final class Claim {
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile C console;

        private Claim(String key) {
            this.key = key;
        }

        /** The console relaying this port, once it is open; null before. */
        public C console() {
            return console;
        }

        public void attach(C openConsole) {
            this.console = openConsole;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                claimed.remove(key, this);
            }
        }
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** @throws ConflictException reason console_in_use when the port already has a writer here */
    public Claim claim(String host, int port) {
        String key = key(host, port);
        Claim claim = new Claim(key);
        if (claimed.putIfAbsent(key, claim) != null) {
            throw inUse();
        }
        return claim;
    }

    /** The current claim of a port, or null when nobody writes to it. */
    public Claim current(String host, int port) {
        return claimed.get(key(host, port));
    }

    public static ConflictException inUse() {
        return new ConflictException(ConsoleSessionContract.CONSOLE_IN_USE, "console in use: this serial port already has a connected writer.");
    }

    public int size() {
        return claimed.size();
    }
}
