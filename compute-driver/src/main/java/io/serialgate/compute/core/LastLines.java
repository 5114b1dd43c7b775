package io.serialgate.compute.core;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The last N lines of console output, from a log file or a buffer, as text. */
public final class LastLines {

    /** Never read more than this from the end of a log, however many lines are asked for. */
    static final int MAX_BYTES = 1024 * 1024;

    private LastLines() {}

    /** The last {@code lines} lines of {@code data} (lines end in LF; CR is kept as the guest sent it). */
    public static String of(byte[] data, int length, int lines) {
        if (lines <= 0 || length == 0) {
            return "";
        }
        // A final LF ends the last line; it does not start an empty one.
        int end = data[length - 1] == '\n' ? length - 1 : length;
        int start = 0;
        int seen = 0;
        for (int i = end - 1; i >= 0; i--) {
            if (data[i] == '\n' && ++seen == lines) {
                start = i + 1;
                break;
            }
        }
        return new String(data, start, length - start, StandardCharsets.UTF_8);
    }

    /** The last {@code lines} lines of a log file; empty when it does not exist (nothing written yet). */
    public static String ofFile(Path file, int lines) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            int toRead = (int) Math.min(size, MAX_BYTES);
            byte[] tail = new byte[toRead];
            in.seek(size - toRead);
            in.readFully(tail);
            return of(tail, toRead, lines);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
