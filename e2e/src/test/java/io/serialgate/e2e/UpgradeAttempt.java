package io.serialgate.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One websocket upgrade request written by hand, so a refusal's HTTP status and JSON body (the
 * proxy's reason word) can be read; the JDK's websocket client hides the body. The connection is
 * closed right after the response head and body: even an accepted upgrade sends the guest nothing.
 */
record UpgradeAttempt(int status, String body) {

    static UpgradeAttempt of(String consoleUrl, String origin) throws IOException {
        URI uri = URI.create(consoleUrl);
        String query = uri.getRawQuery();
        // serial.html?token=... is the page; the websocket is / with the same query.
        String path = "/" + (query == null ? "" : "?" + query);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(15000);
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: binary\r\n");
            if (origin != null) {
                request.append("Origin: ").append(origin).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            if (status == 101) {
                return new UpgradeAttempt(status, "");
            }
            int length = contentLength(head);
            byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            return new UpgradeAttempt(status, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }
}
