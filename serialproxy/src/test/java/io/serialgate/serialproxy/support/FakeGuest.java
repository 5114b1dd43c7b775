package io.serialgate.serialproxy.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A guest's TCP serial port on loopback: echoes every byte back, or hangs up at once. */
public final class FakeGuest implements AutoCloseable {

    private final ServerSocket server;
    private final boolean hangUp;
    /** Hang up once the first input arrived, as a shell does on "exit". */
    private boolean hangUpAfterInput;
    private final AtomicInteger connections = new AtomicInteger();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private FakeGuest(boolean hangUp) throws IOException {
        this.hangUp = hangUp;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-guest-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FakeGuest echo() throws IOException {
        return new FakeGuest(false);
    }

    public static FakeGuest hangingUp() throws IOException {
        return new FakeGuest(true);
    }

    /** Echoes the first input it reads, then closes the connection (a shell's "exit"). */
    public static FakeGuest hangingUpAfterInput() throws IOException {
        FakeGuest guest = new FakeGuest(false);
        guest.hangUpAfterInput = true;
        return guest;
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public synchronized byte[] received() {
        return received.toByteArray();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                if (hangUp) {
                    socket.close();
                    continue;
                }
                Thread t = new Thread(() -> echo(socket), "fake-guest-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (this) {
                    received.write(buf, 0, n);
                }
                out.write(buf, 0, n);
                out.flush();
                if (hangUpAfterInput) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // connection ended
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
