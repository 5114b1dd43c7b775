package io.serialgate.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client connection on the {@link ClientLoop}: raw TCP (the direct target) or an RFC 6455
 * websocket client (masked binary frames out, a streaming frame parser in that hands payload
 * slices to the handler without reassembling messages, pongs for pings). Loop thread only.
 */
final class Conn {

    /** What a measurement does with a connection; called on the loop thread. */
    interface Handler {
        void opened(Conn conn);

        /** Payload bytes in order; the buffer is only valid during the call. */
        void data(Conn conn, ByteBuffer bytes);

        void closed(Conn conn, String why);
    }

    /** The websocket upgrade to perform, or null for raw TCP. */
    record Upgrade(String host, String pathAndQuery, String subprotocol) {}

    private static final byte[] CRLFCRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ClientLoop loop;
    private final SocketChannel channel;
    private final Handler handler;
    private final Upgrade upgrade;
    SelectionKey key;
    Object attachment;
    private boolean open;
    private boolean closed;
    private ByteArrayOutputStream handshake;
    private String expectedAccept;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    // frame parser state
    private final byte[] header = new byte[14];
    private int headerLength;
    private int headerNeeded = 2;
    private long payloadLeft;
    private boolean inPayload;
    private int opcode;
    private ByteArrayOutputStream control;

    Conn(ClientLoop loop, SocketChannel channel, Handler handler, Upgrade upgrade) {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.upgrade = upgrade;
    }

    boolean isOpen() {
        return open && !closed;
    }

    void ready(SelectionKey k) {
        try {
            if (!k.isValid()) {
                return;
            }
            if (k.isConnectable()) {
                channel.finishConnect();
                k.interestOps(SelectionKey.OP_READ);
                connected();
                return;
            }
            if (k.isWritable()) {
                flush();
            }
            if (k.isValid() && k.isReadable()) {
                read();
            }
        } catch (IOException e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    void connected() throws IOException {
        if (upgrade == null) {
            open = true;
            handler.opened(this);
            return;
        }
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String secKey = Base64.getEncoder().encodeToString(nonce);
        expectedAccept = accept(secKey);
        String request = "GET " + upgrade.pathAndQuery() + " HTTP/1.1\r\nHost: " + upgrade.host()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + secKey
                + "\r\nSec-WebSocket-Version: 13\r\n"
                + (upgrade.subprotocol() == null ? "" : "Sec-WebSocket-Protocol: " + upgrade.subprotocol() + "\r\n")
                + "\r\n";
        handshake = new ByteArrayOutputStream();
        write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Sends bytes: one masked binary frame on a websocket, as they are on TCP. */
    void send(byte[] payload) {
        if (!isOpen()) {
            return;
        }
        write(upgrade == null ? ByteBuffer.wrap(payload) : frame(2, payload));
    }

    void close() {
        if (closed) {
            return;
        }
        if (isOpen() && upgrade != null) {
            write(frame(8, new byte[] {0x03, (byte) 0xE8}));
        }
        shut();
    }

    private void shut() {
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void fail(String why) {
        if (!closed) {
            shut();
            handler.closed(this, why);
        }
    }

    private void write(ByteBuffer buffer) {
        if (closed) {
            return;
        }
        try {
            if (out.isEmpty()) {
                channel.write(buffer);
            }
            if (buffer.hasRemaining()) {
                out.add(buffer);
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            fail("write failed: " + e.getMessage());
        }
    }

    private void flush() throws IOException {
        while (!out.isEmpty()) {
            ByteBuffer head = out.peek();
            channel.write(head);
            if (head.hasRemaining()) {
                return;
            }
            out.poll();
        }
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
    }

    private void read() throws IOException {
        ByteBuffer in = loop.readBuffer;
        in.clear();
        int n = channel.read(in);
        if (n < 0) {
            fail(open ? "closed by peer without close frame" : "closed during handshake");
            return;
        }
        in.flip();
        if (upgrade == null) {
            handler.data(this, in);
            return;
        }
        if (!open) {
            readHandshake(in);
            if (!open) {
                return;
            }
        }
        parse(in);
    }

    private void readHandshake(ByteBuffer in) {
        while (in.hasRemaining()) {
            handshake.write(in.get());
            byte[] sofar = handshake.toByteArray();
            int len = sofar.length;
            if (len >= 4 && sofar[len - 1] == CRLFCRLF[3] && sofar[len - 2] == CRLFCRLF[2]
                    && sofar[len - 3] == CRLFCRLF[1] && sofar[len - 4] == CRLFCRLF[0]) {
                String head = new String(sofar, StandardCharsets.ISO_8859_1);
                String statusLine = head.substring(0, head.indexOf('\r'));
                if (!statusLine.contains(" 101 ")) {
                    fail("refused: " + statusLine);
                    return;
                }
                if (!head.toLowerCase().contains(expectedAccept.toLowerCase())) {
                    fail("bad Sec-WebSocket-Accept");
                    return;
                }
                handshake = null;
                open = true;
                handler.opened(this);
                return;
            }
        }
    }

    private void parse(ByteBuffer in) {
        while (in.hasRemaining() && !closed) {
            if (!inPayload) {
                header[headerLength++] = in.get();
                if (headerLength == 2) {
                    int len7 = header[1] & 0x7F;
                    headerNeeded = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
                }
                if (headerLength >= 2 && headerLength == headerNeeded) {
                    startPayload();
                }
            } else {
                int n = (int) Math.min(payloadLeft, in.remaining());
                ByteBuffer slice = in.slice();
                slice.limit(n);
                in.position(in.position() + n);
                payloadLeft -= n;
                if (opcode <= 2) {
                    handler.data(this, slice);
                } else {
                    byte[] bytes = new byte[n];
                    slice.get(bytes);
                    control.write(bytes, 0, n);
                }
                if (payloadLeft == 0) {
                    inPayload = false;
                    frameDone();
                }
            }
        }
    }

    private void startPayload() {
        opcode = header[0] & 0x0F;
        int len7 = header[1] & 0x7F;
        long length = len7;
        if (len7 == 126) {
            length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xFF);
            }
        }
        headerLength = 0;
        headerNeeded = 2;
        if (opcode > 2) {
            control = new ByteArrayOutputStream();
        }
        if (length == 0) {
            frameDone();
        } else {
            payloadLeft = length;
            inPayload = true;
        }
    }

    private void frameDone() {
        if (opcode == 8) {
            byte[] body = control.toByteArray();
            String why = body.length >= 2
                    ? "close " + (((body[0] & 0xFF) << 8) | (body[1] & 0xFF)) + " "
                            + new String(body, 2, body.length - 2, StandardCharsets.UTF_8)
                    : "close";
            if (!closed) {
                write(frame(8, body.length >= 2 ? new byte[] {body[0], body[1]} : new byte[0]));
                shut();
                handler.closed(this, why);
            }
        } else if (opcode == 9) {
            write(frame(10, control.toByteArray()));
        }
    }

    /** A masked client frame (RFC 6455 5.3: clients must mask). */
    private static ByteBuffer frame(int opcode, byte[] payload) {
        int len = payload.length;
        int headerLen = 2 + (len < 126 ? 0 : len < 65536 ? 2 : 8) + 4;
        ByteBuffer frame = ByteBuffer.allocate(headerLen + len);
        frame.put((byte) (0x80 | opcode));
        if (len < 126) {
            frame.put((byte) (0x80 | len));
        } else if (len < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(len);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.putInt(mask);
        byte[] m = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        for (int i = 0; i < len; i++) {
            frame.put((byte) (payload[i] ^ m[i & 3]));
        }
        return frame.flip();
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
