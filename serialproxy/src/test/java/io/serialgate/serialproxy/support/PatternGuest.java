package io.serialgate.serialproxy.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A guest that writes {@code total} bytes where byte i is i mod 251, in odd-sized writes, then hangs up. */
public final class PatternGuest implements AutoCloseable {

    private final ServerSocket server;
    private final int total;

    public PatternGuest(int total) throws IOException {
        this.total = total;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::stream, "pattern-guest");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public static byte at(long i) {
        return (byte) (i % 251);
    }

    private void stream() {
        try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
            byte[] chunk = new byte[100_003];
            long offset = 0;
            while (offset < total) {
                int n = (int) Math.min(chunk.length, total - offset);
                for (int i = 0; i < n; i++) {
                    chunk[i] = at(offset + i);
                }
                out.write(chunk, 0, n);
                offset += n;
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
