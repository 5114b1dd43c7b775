package io.serialgate.compute.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastLinesTest {

    private static String last(String text, int lines) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return LastLines.of(bytes, bytes.length, lines);
    }

    @Test
    void lastLinesOfText() {
        assertEquals("c\r\nd\r\n", last("a\r\nb\r\nc\r\nd\r\n", 2));
        assertEquals("c\nd", last("a\nb\nc\nd", 2));
        assertEquals("a\nb\n", last("a\nb\n", 10));
        assertEquals("", last("a\nb\n", 0));
        assertEquals("", last("", 3));
        assertEquals("prompt# ", last("x\nprompt# ", 1));
    }

    @Test
    void lastLinesOfAFile(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("guest-ttyS0.log");
        assertEquals("", LastLines.ofFile(log, 5));
        Files.writeString(log, "boot\nlogin\nok\n");
        assertEquals("login\nok\n", LastLines.ofFile(log, 2));
    }
}
