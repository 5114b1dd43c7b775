package io.serialgate.compute.core.fake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The guest side of one fake serial port: a tiny login-free shell with the line discipline of a
 * terminal in cooked mode. Typed bytes are echoed; CR, LF or CRLF is Enter; DEL or BS erases the
 * last character ({@code "\b \b"}); Ctrl-C drops the line; Ctrl-U erases it; escape sequences
 * (arrow keys) are swallowed. Output lines end in CRLF as on a real serial console.
 *
 * <p>Pure logic, no I/O: {@link #feed} takes what the client typed and returns what the guest
 * answers, so the shell is tested without sockets. Not thread-safe; one connection uses it.
 */
public final class FakeShell {

    static final int MAX_LINE_BYTES = 1024;
    private static final String CRLF = "\r\n";
    private static final byte BELL = 0x07;

    private final String name;
    private final int ttyIndex;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int lineLength;
    private boolean lastWasCr;
    private EscapeState escape = EscapeState.NONE;

    private enum EscapeState { NONE, ESC, CSI }

    public FakeShell(String name, int ttyIndex) {
        this.name = name;
        this.ttyIndex = ttyIndex;
    }

    /** What the guest prints when a client connects: the banner line and the first prompt. */
    public byte[] greeting() {
        return ascii("serialgate fake guest " + name + " ttyS" + ttyIndex + CRLF + prompt());
    }

    public String prompt() {
        return name + " login-free:~# ";
    }

    /** Feeds bytes the client sent; returns the guest's answer (possibly empty). */
    public byte[] feed(byte[] input, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 64);
        for (int i = offset; i < offset + length; i++) {
            accept(input[i], out);
        }
        return out.toByteArray();
    }

    private void accept(byte b, ByteArrayOutputStream out) {
        boolean cr = b == '\r';
        boolean lfAfterCr = b == '\n' && lastWasCr;
        lastWasCr = cr;
        if (lfAfterCr) {
            return; // CRLF is one Enter
        }
        if (escape != EscapeState.NONE) {
            swallowEscape(b);
            return;
        }
        switch (b) {
            case '\r', '\n' -> enter(out);
            case 0x7f, 0x08 -> erase(out);
            case 0x1b -> escape = EscapeState.ESC;
            case 0x03 -> { // Ctrl-C
                lineLength = 0;
                write(out, "^C" + CRLF + prompt());
            }
            case 0x15 -> { // Ctrl-U
                while (lineLength > 0) {
                    erase(out);
                }
            }
            default -> {
                if ((b & 0xff) < 0x20) {
                    return; // other control characters do nothing, as in a cooked tty without them
                }
                if (lineLength == MAX_LINE_BYTES) {
                    out.write(BELL);
                    return;
                }
                line[lineLength++] = b;
                out.write(b);
            }
        }
    }

    /** ESC [ params final: the sequence ends with a byte in 0x40..0x7e. */
    private void swallowEscape(byte b) {
        if (escape == EscapeState.ESC) {
            escape = b == '[' || b == 'O' ? EscapeState.CSI : EscapeState.NONE;
        } else if (b >= 0x40 && b <= 0x7e) {
            escape = EscapeState.NONE;
        }
    }

    /** Removes the last character, all the bytes of it when it is a multi-byte UTF-8 character. */
    private void erase(ByteArrayOutputStream out) {
        if (lineLength == 0) {
            return;
        }
        do {
            lineLength--;
        } while (lineLength > 0 && (line[lineLength] & 0xc0) == 0x80);
        write(out, "\b \b");
    }

    private void enter(ByteArrayOutputStream out) {
        String command = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        write(out, CRLF);
        String answer = run(command.trim());
        if (!answer.isEmpty()) {
            write(out, answer.replace("\n", CRLF) + CRLF);
        }
        write(out, prompt());
    }

    private String run(String command) {
        if (command.isEmpty()) {
            return "";
        }
        List<String> words = Arrays.asList(command.split("\\s+"));
        String program = words.get(0);
        List<String> args = words.subList(1, words.size());
        return switch (program) {
            case "echo" -> String.join(" ", args);
            case "uname" -> uname(args);
            case "hostname" -> name;
            case "tty" -> "/dev/ttyS" + ttyIndex;
            case "help" -> """
                    serialgate fake guest: a simulated serial console for demos and tests.
                    Commands:
                      echo [ARGS...]  print ARGS
                      uname [-a|-r|-s|-n|-m]  print system information
                      hostname        print the guest name
                      tty             print the serial device
                      help            this text""";
            default -> "sh: " + program + ": not found";
        };
    }

    private String uname(List<String> args) {
        if (args.isEmpty() || args.equals(List.of("-s"))) {
            return "Linux";
        }
        return switch (String.join(" ", args)) {
            case "-a" -> "Linux " + name + " 6.1.0-serialgate #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux";
            case "-r" -> "6.1.0-serialgate";
            case "-n" -> name;
            case "-m" -> "x86_64";
            default -> "uname: invalid option -- '" + String.join(" ", args) + "'";
        };
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
