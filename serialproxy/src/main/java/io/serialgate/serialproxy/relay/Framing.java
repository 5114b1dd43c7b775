package io.serialgate.serialproxy.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * How serial bytes travel in websocket frames: the {@code binary} subprotocol (raw bytes in binary
 * frames, what the terminal page speaks) or {@code base64} (base64 text frames, for old
 * websockify-era clients). A client offering no subprotocol gets binary.
 */
public enum Framing {
    BINARY,
    BASE64;

    public static Framing of(String subprotocol) {
        return "base64".equalsIgnoreCase(subprotocol) ? BASE64 : BINARY;
    }

    /** Sends guest output; the buffer must stay untouched until the callback completes. */
    public void send(Session session, ByteBuffer bytes, Callback callback) {
        if (this == BINARY) {
            session.sendBinary(bytes, callback);
        } else {
            session.sendText(Base64.getEncoder().encodeToString(toArray(bytes)), callback);
        }
    }

    /** Bytes for the guest from a text frame: base64-decoded, or UTF-8 text as typed. */
    public byte[] fromText(String text) {
        if (this == BASE64) {
            return Base64.getMimeDecoder().decode(text);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
