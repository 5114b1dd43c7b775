package io.serialgate.serialproxy.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.contract.TokenBinding;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one console as an asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/),
 * playable with {@code asciinema play}: a JSON header line, then one {@code [seconds, "o", text]}
 * line per output chunk. Input ({@code "i"} events) is recorded only when asked, because typed
 * passwords travel there. Recording stops silently at the size bound; a failing disk ends the
 * recording, never the console.
 */
public final class SessionRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRecorder.class);
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    /** A recorder that records nothing (record: false). */
    public static final SessionRecorder OFF = new SessionRecorder();

    private final Writer out;
    private final Path file;
    private final long maxBytes;
    private final boolean recordInput;
    private final long startNanos = System.nanoTime();
    // One streaming decoder per direction: a multi-byte character may straddle two chunks.
    private final Utf8Stream outputText = new Utf8Stream();
    private final Utf8Stream inputText = new Utf8Stream();
    private long written;
    private boolean stopped;

    private SessionRecorder() {
        this.out = null;
        this.file = null;
        this.maxBytes = 0;
        this.recordInput = false;
        this.stopped = true;
    }

    private SessionRecorder(Writer out, Path file, long maxBytes, boolean recordInput) {
        this.out = out;
        this.file = file;
        this.maxBytes = maxBytes;
        this.recordInput = recordInput;
    }

    /** Opens {@code <dir>/<instance>-port<N>-<time>-<id>.cast}; OFF (and a log line) when that fails. */
    public static SessionRecorder open(Path directory, TokenBinding binding, long maxBytes, boolean recordInput) {
        String name = safe(binding.instanceUuid()) + "-port" + binding.portIndex() + "-"
                + Instant.now().toString().replace(':', '-') + "-" + UUID.randomUUID().toString().substring(0, 8) + ".cast";
        Path file = directory.resolve(name);
        try {
            Files.createDirectories(directory);
            Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("version", 2);
            header.put("width", 80);
            header.put("height", 24);
            header.put("timestamp", Instant.now().getEpochSecond());
            header.put("title", "serialgate " + binding.instanceUuid() + " serial port " + binding.portIndex());
            header.put("env", Map.of("TERM", "xterm-256color"));
            SessionRecorder recorder = new SessionRecorder(out, file, maxBytes, recordInput);
            recorder.line(JSON.writeValueAsString(header));
            LOG.info("event=recording_started instance={} port_index={} file={}", binding.instanceUuid(),
                    binding.portIndex(), file);
            return recorder;
        } catch (IOException e) {
            LOG.warn("event=recording_failed instance={} port_index={} dir={} cause={}", binding.instanceUuid(),
                    binding.portIndex(), directory, e.getClass().getSimpleName());
            return OFF;
        }
    }

    public Path file() {
        return file;
    }

    /** Guest output; the buffer's position is not moved. */
    public void output(ByteBuffer bytes) {
        if (this == OFF) {
            return; // every chunk of every console passes here: no lock, no garbage when not recording
        }
        synchronized (this) {
            event("o", outputText, bytes.duplicate());
        }
    }

    /** Browser input (only when record_input is on). */
    public void input(ByteBuffer bytes) {
        if (!recordInput) {
            return;
        }
        synchronized (this) {
            event("i", inputText, bytes.duplicate());
        }
    }

    private void event(String type, Utf8Stream text, ByteBuffer bytes) {
        if (stopped) {
            return;
        }
        CharBuffer chars = text.decode(bytes);
        if (!chars.hasRemaining()) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        try {
            line(JSON.writeValueAsString(List.of(Math.round(seconds * 1e6) / 1e6, type, chars.toString())));
        } catch (IOException e) {
            stop("write_failed");
        }
    }

    private void line(String json) throws IOException {
        if (written + json.length() + 1 > maxBytes) {
            stop("size_limit");
            return;
        }
        out.write(json);
        out.write('\n');
        written += json.length() + 1;
    }

    private void stop(String why) {
        if (!stopped) {
            stopped = true;
            LOG.info("event=recording_stopped reason={} file={}", why, file);
        }
    }

    @Override
    public synchronized void close() {
        if (out == null) {
            return;
        }
        stopped = true;
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("event=recording_close_failed file={} cause={}", file, e.getClass().getSimpleName());
        }
    }

    /** UTF-8 decoding across chunks: the bytes of an incomplete trailing character are carried over. */
    private static final class Utf8Stream {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer carry = ByteBuffer.allocate(0);

        CharBuffer decode(ByteBuffer bytes) {
            ByteBuffer in = bytes;
            if (carry.hasRemaining()) {
                in = ByteBuffer.allocate(carry.remaining() + bytes.remaining()).put(carry).put(bytes).flip();
            }
            CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, chars, false);
            // At most 3 bytes of a started character remain; keep them for the next chunk.
            carry = ByteBuffer.allocate(in.remaining()).put(in).flip();
            return chars.flip();
        }
    }

    private static String safe(String s) {
        return s == null ? "unknown" : s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
