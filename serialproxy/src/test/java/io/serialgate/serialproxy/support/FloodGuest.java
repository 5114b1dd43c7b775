package io.serialgate.serialproxy.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** A guest that writes output as fast as the proxy takes it, counting what it managed to write. */
public final class FloodGuest implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicLong written = new AtomicLong();

    public FloodGuest() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::flood, "flood-guest");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public long written() {
        return written.get();
    }

    private void flood() {
        try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
            byte[] chunk = new byte[64 * 1024];
            while (true) {
                out.write(chunk); // blocks once the proxy stops reading
                written.addAndGet(chunk.length);
            }
        } catch (IOException ignored) {
            // proxy went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
