package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2: one writer per serial port (a second gets "console in use"), a viewer sees the
 * writer's output, an admin's force-disconnect (DELETE .../serial-console-sessions/{id}) closes
 * the writer within a second, and the freed port takes a new writer.
 */
@Order(4)
@ExtendWith(E2eStack.class)
class ConsoleSessionsIT {

    private static String server;

    @BeforeAll
    static void boot(E2eStack.Stack stack) throws Exception {
        server = SharedServer.id(stack);
    }

    @Test
    void oneWriterViewersAndForceDisconnect(E2eStack.Stack stack) throws Exception {
        try (ConsoleSocket writer = ConsoleSocket.open(stack.tenantA.consoleUrlV3(server, 0))) {
            writer.awaitPrompt();

            UpgradeAttempt second = UpgradeAttempt.of(stack.tenantA.consoleUrlV3(server, 0), null);
            assertThat(second.status()).as("second writer: %s", second.body()).isEqualTo(409);
            assertThat(second.body()).contains("console in use");

            try (ConsoleSocket viewer = ConsoleSocket.open(stack.tenantA.consoleUrlV3(server, 0) + "&mode=view")) {
                writer.type("echo viewer-sees-$((3*5))\r");
                writer.awaitText("viewer-sees-15", Duration.ofSeconds(15));
                viewer.awaitText("viewer-sees-15", Duration.ofSeconds(15));

                String sessionId = writerSession(stack);
                long sent = System.nanoTime();
                ApiClient.Reply disconnect = stack.admin.send("DELETE",
                        "/v2.1/servers/" + server + "/serial-console-sessions/" + sessionId, null);
                assertThat(disconnect.status()).as("force disconnect: %s", disconnect.text()).isEqualTo(202);
                assertThat(writer.awaitClose(Duration.ofSeconds(5))).as("the writer is closed").isTrue();
                long millis = TimeUnit.NANOSECONDS.toMillis(writer.closedAtNanos() - sent);
                System.out.printf("e2e: force disconnect closed the writer in %d ms (code %d, \"%s\")%n",
                        millis, writer.closeCode(), writer.closeReason());
                assertThat(writer.closeReason()).isEqualTo("disconnected by administrator");
                assertThat(millis).as("force disconnect to close, ms").isLessThanOrEqualTo(1000);
            }
        }
        // The freed port takes a new writer.
        try (ConsoleSocket next = openRetrying(stack, Duration.ofSeconds(10))) {
            next.awaitPrompt();
        }
    }

    private static String writerSession(E2eStack.Stack stack) throws Exception {
        ApiClient.Reply sessions = stack.tenantA.send("GET", "/v2.1/servers/" + server + "/serial-console-sessions", null);
        assertThat(sessions.status()).as("sessions: %s", sessions.text()).isEqualTo(200);
        for (JsonNode session : sessions.body().path("serial_console_sessions")) {
            if ("writer".equals(session.path("role").asText()) && session.path("port_index").asInt() == 0) {
                return session.path("id").asText();
            }
        }
        throw new AssertionError("no open writer session on port 0 in " + sessions.text());
    }

    /** Right after a disconnect, the proxy may still be releasing the port: a 409 is retried briefly. */
    private static ConsoleSocket openRetrying(E2eStack.Stack stack, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ConsoleSocket.Attempt attempt = ConsoleSocket.open(stack.tenantA.consoleUrlV3(server, 0), null);
            if (attempt.status() == 101) {
                return attempt.console();
            }
            assertThat(attempt.status()).isEqualTo(409);
            assertThat(System.nanoTime()).as("port 0 still in use %s after the disconnect", timeout).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
