package io.serialgate.client.console;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the guest's idea of the window size in step with the local terminal (--sync-size). A
 * serial line carries bytes only, with no out-of-band resize as ssh or kubectl exec have, so the
 * size is typed as a shell command; repeated signals with an unchanged size send nothing.
 */
public final class GuestWindowSize {

    private final ConsoleRelay relay;
    private Terminal.WindowSize lastSent;

    public GuestWindowSize(ConsoleRelay relay) {
        this.relay = relay;
    }

    /** Called on connect and from the signal thread after each resize. */
    public synchronized void update(Terminal.WindowSize size) {
        if (size.rows() <= 0 || size.columns() <= 0 || size.equals(lastSent)) {
            return;
        }
        if (relay.sendToGuest(command(size))) {
            lastSent = size;
        }
    }

    static byte[] command(Terminal.WindowSize size) {
        return ("stty rows " + size.rows() + " cols " + size.columns() + "\r").getBytes(StandardCharsets.US_ASCII);
    }
}
