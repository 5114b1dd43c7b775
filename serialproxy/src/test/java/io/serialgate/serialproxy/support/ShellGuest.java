package io.serialgate.serialproxy.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A tiny serial "shell" on loopback: prints a prompt, echoes typed bytes, answers {@code echo X}
 * with X, hangs up on {@code exit}, and on {@code utf8} prints "é✓" split across three TCP writes (so one character
 * straddles websocket frames).
 */
public final class ShellGuest implements AutoCloseable {

    private final ServerSocket server;

    public ShellGuest() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "shell-guest");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setTcpNoDelay(true);
                session(socket.getInputStream(), socket.getOutputStream());
            } catch (IOException | InterruptedException e) {
                // next connection
            }
        }
    }

    private static void session(InputStream in, OutputStream out) throws IOException, InterruptedException {
        out.write("guest login-free console\r\n$ ".getBytes(StandardCharsets.UTF_8));
        out.flush();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\r' || b == '\n') {
                String command = line.toString(StandardCharsets.UTF_8);
                line.reset();
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                if (command.equals("exit")) {
                    return; // the caller closes the socket: the guest hung up
                }
                if (command.startsWith("echo ")) {
                    out.write((command.substring(5) + "\r\n").getBytes(StandardCharsets.UTF_8));
                } else if (command.equals("utf8")) {
                    byte[] text = "é✓\r\n".getBytes(StandardCharsets.UTF_8); // C3 A9 E2 9C 93
                    out.write(text, 0, 1);
                    out.flush();
                    Thread.sleep(150);
                    out.write(text, 1, 3);
                    out.flush();
                    Thread.sleep(150);
                    out.write(text, 4, text.length - 4);
                }
                out.write("$ ".getBytes(StandardCharsets.UTF_8));
            } else {
                line.write(b);
                out.write(b);
            }
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
