package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 6: for {@code serialgate.e2e.soakSeconds} (default 60) two writers (ports 0 and 1) and
 * a viewer (port 0) run at once; each writer types batches of lines carrying random payloads
 * ahead of the guest; every answer must come back whole, once, in order, and the viewer must
 * see exactly port 0's sequence.
 */
@Order(5)
@ExtendWith(E2eStack.class)
class OrderedBytesIT {

    private static final int BATCH = 8;
    private static String server;

    @BeforeAll
    static void boot(E2eStack.Stack stack) throws Exception {
        server = SharedServer.id(stack);
    }

    @Test
    void everyLineTypedOverAMultiSessionRunComesBackInOrder(E2eStack.Stack stack) throws Exception {
        Duration duration = Duration.ofSeconds(Long.getLong("serialgate.e2e.soakSeconds", 60));
        try (ConsoleSocket port0 = ConsoleSocket.open(stack.tenantA.consoleUrlV3(server, 0));
             ConsoleSocket port1 = ConsoleSocket.open(stack.tenantA.consoleUrlV3(server, 1))) {
            port0.awaitPrompt();
            port1.awaitPrompt();
            // Typed-ahead lines would be echoed by the guest's tty in the middle of earlier answers:
            // no echo and no prompt, so the transcript is the answers alone.
            quiet(port0);
            quiet(port1);
            try (ConsoleSocket viewer = ConsoleSocket.open(stack.tenantA.consoleUrlV3(server, 0) + "&mode=view")) {
                CompletableFuture<List<String>> zero = CompletableFuture.supplyAsync(() -> drive(port0, "p0", duration));
                CompletableFuture<List<String>> one = CompletableFuture.supplyAsync(() -> drive(port1, "p1", duration));
                List<String> sent0 = zero.join();
                List<String> sent1 = one.join();
                assertThat(answers(port0.text(), "p0")).as("port 0 answers").containsExactlyElementsOf(sent0);
                assertThat(answers(port1.text(), "p1")).as("port 1 answers").containsExactlyElementsOf(sent1);
                assertThat(answers(port0.text(), "p1")).as("nothing of port 1 on port 0").isEmpty();
                assertThat(answers(port1.text(), "p0")).as("nothing of port 0 on port 1").isEmpty();
                viewer.awaitText(sent0.get(sent0.size() - 1), Duration.ofSeconds(10));
                assertThat(answers(viewer.text(), "p0")).as("the viewer's copy of port 0").containsExactlyElementsOf(sent0);
                System.out.printf("e2e: %d s multi-session run: %d + %d lines (%d payload bytes) echoed whole and in order%n",
                        duration.toSeconds(), sent0.size(), sent1.size(), 32 * (sent0.size() + sent1.size()));
            } catch (Throwable e) {
                java.nio.file.Path dir = E2eStack.artifacts().resolve("OrderedBytesIT.transcripts");
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Files.writeString(dir.resolve("port0.txt"), port0.text());
                java.nio.file.Files.writeString(dir.resolve("port1.txt"), port1.text());
                throw e;
            } finally {
                // The shared server's shells as the other scenarios expect them.
                port0.type("stty echo; PS1='guest:$(pwd)# '\r");
                port1.type("stty echo; PS1='guest:$(pwd)# '\r");
                port0.awaitText("guest:/# ", Duration.ofSeconds(15));
                port1.awaitText("guest:/# ", Duration.ofSeconds(15));
            }
        }
    }

    private static void quiet(ConsoleSocket console) throws InterruptedException {
        console.type("stty -echo; PS1=''; echo quiet-$((6*7))\r");
        console.awaitText("quiet-42", Duration.ofSeconds(15));
        console.clear();
    }

    /** Types batches of {@code echo <tag>-<n>-<hex>} ahead of the guest until the time is up; returns the answers expected. */
    private static List<String> drive(ConsoleSocket console, String tag, Duration duration) {
        SecureRandom random = new SecureRandom();
        List<String> sent = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                StringBuilder batch = new StringBuilder();
                String last = null;
                for (int i = 0; i < BATCH; i++) {
                    byte[] payload = new byte[16];
                    random.nextBytes(payload);
                    last = tag + "-" + sent.size() + "-" + HexFormat.of().formatHex(payload);
                    sent.add(last);
                    batch.append("echo ").append(last).append("\r");
                }
                console.type(batch.toString());
                console.awaitText(last + "\r", Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return sent;
    }

    /** The guest's answer lines for one tag, in the order they arrived. */
    private static List<String> answers(String transcript, String tag) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^(" + tag + "-\\d+-[0-9a-f]{32})\\r?$").matcher(transcript.replace("\r\n", "\n"));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
