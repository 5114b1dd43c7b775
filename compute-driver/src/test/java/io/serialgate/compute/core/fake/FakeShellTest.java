package io.serialgate.compute.core.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FakeShellTest {

    private static final String PROMPT = "vm1 login-free:~# ";
    private final FakeShell shell = new FakeShell("vm1", 0);

    private String type(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new String(shell.feed(bytes, 0, bytes.length), StandardCharsets.UTF_8);
    }

    @Test
    void greetingIsBannerThenPrompt() {
        assertEquals("serialgate fake guest vm1 ttyS0\r\n" + PROMPT,
                new String(new FakeShell("vm1", 0).greeting(), StandardCharsets.US_ASCII));
        assertTrue(new String(new FakeShell("vm1", 2).greeting(), StandardCharsets.US_ASCII).contains("ttyS2"));
    }

    @Test
    void echoesTypingAndRunsEchoOnCr() {
        assertEquals("echo ok\r\nok\r\n" + PROMPT, type("echo ok\r"));
    }

    @Test
    void lfAndCrlfAreOneEnter() {
        assertEquals("echo a\r\na\r\n" + PROMPT, type("echo a\n"));
        assertEquals("echo b\r\nb\r\n" + PROMPT, type("echo b\r\n"));
        // The LF of a CRLF split across two reads is still part of the same Enter.
        type("echo c\r");
        assertEquals("", type("\n"));
    }

    @Test
    void backspaceAndDeleteErase() {
        assertEquals("echo abX", type("echo abX"));
        assertEquals("\b \b", type("\u007f"));
        assertEquals("c", type("c"));
        assertEquals("\b \b", type("\b"));
        assertEquals("d\r\nabd\r\n" + PROMPT, type("d\r"));
    }

    @Test
    void backspaceOnAnEmptyLineDoesNothing() {
        assertEquals("", type("\u007f\b"));
    }

    @Test
    void backspaceErasesAWholeUtf8Character() {
        type("echo a\u00e9");
        assertEquals("\b \b", type("\u007f"));
        assertEquals("\r\na\r\n" + PROMPT, type("\r"));
    }

    @Test
    void commands() {
        assertEquals("uname\r\nLinux\r\n" + PROMPT, type("uname\r"));
        assertTrue(type("uname -a\r").contains("Linux vm1 6.1.0-serialgate"));
        assertTrue(type("help\r").contains("echo"));
        assertEquals("frob\r\nsh: frob: not found\r\n" + PROMPT, type("frob\r"));
        assertEquals("\r\n" + PROMPT, type("\r"));
        assertEquals("tty\r\n/dev/ttyS0\r\n" + PROMPT, type("tty\r"));
    }

    @Test
    void ctrlCDropsTheLine() {
        type("echo never");
        assertEquals("^C\r\n" + PROMPT, type("\u0003"));
        assertEquals("\r\n" + PROMPT, type("\r"));
    }

    @Test
    void arrowKeysAreSwallowed() {
        assertEquals("", type("\u001b[A\u001b[D"));
        assertEquals("echo k\r\nk\r\n" + PROMPT, type("echo k\r"));
    }

    @Test
    void overlongLinesRingTheBell() {
        String line = "x".repeat(FakeShell.MAX_LINE_BYTES);
        assertEquals(line, type(line));
        assertEquals("\u0007", type("y"));
    }
}
