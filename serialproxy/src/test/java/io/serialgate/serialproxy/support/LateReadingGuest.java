package io.serialgate.serialproxy.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * A guest whose serial port takes input late: it accepts the proxy's connection, reads nothing
 * for a while (a UART whose FIFO is full, a paste into a 9600-baud console), then reads everything.
 */
public final class LateReadingGuest implements AutoCloseable {

    private final ServerSocket server;
    private final Duration readAfter;
    private final ReceivedBytes received = new ReceivedBytes();

    public LateReadingGuest(Duration readAfter) throws IOException {
        this.readAfter = readAfter;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "late-reading-guest");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            Thread.sleep(readAfter.toMillis());
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[16 * 1024];
            for (int n; (n = in.read(chunk)) > 0; ) {
                received.append(chunk, 0, n);
            }
        } catch (IOException | InterruptedException ignored) {
            // proxy went away, or the test ended
        }
    }

    /** Waits until at least n bytes arrived; returns all received so far. */
    public byte[] awaitBytes(int n, Duration timeout) throws InterruptedException {
        return received.await(n, timeout);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
