package io.serialgate.compute.core.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A test's end of a TCP serial console: type text, read until some text appears. */
public final class SerialConsoleClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final int timeoutMillis;

    public SerialConsoleClient(String host, int port) throws IOException {
        this(host, port, 5000);
    }

    /** {@code timeoutMillis} bounds each read (a booting QEMU guest may be silent for a while). */
    public SerialConsoleClient(String host, int port, int timeoutMillis) throws IOException {
        this.timeoutMillis = timeoutMillis;
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(timeoutMillis);
        in = socket.getInputStream();
    }

    public void type(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until {@code expected} has appeared since the last call; returns what was read. */
    public String readUntil(String expected) throws IOException {
        byte[] buffer = new byte[1024];
        while (true) {
            String text = seen.toString(StandardCharsets.UTF_8);
            int at = text.indexOf(expected);
            if (at >= 0) {
                seen.reset();
                byte[] rest = text.substring(at + expected.length()).getBytes(StandardCharsets.UTF_8);
                seen.write(rest, 0, rest.length);
                return text.substring(0, at + expected.length());
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed before '" + expected + "'; got '" + text + "'");
            }
            seen.write(buffer, 0, n);
        }
    }

    /** True when nothing arrives within {@code millis}. */
    public boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            in.read(); // data or end of stream: not silent
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(timeoutMillis);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
