package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5 (faults): serialproxy killed with SIGKILL mid-session, restarted, and the same console
 * URL works again; a server deleted under an open console ends it with "guest closed the port".
 */
@Order(6)
@ExtendWith(E2eStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static String server;

    @BeforeAll
    static void boot(E2eStack.Stack stack) throws Exception {
        server = SharedServer.id(stack);
    }

    /**
     * The page shows the close, the proxy restarts healthy and consoles work through it again; the
     * killed process's writer session was ended as proxy-lost when its successor announced itself.
     */
    @Test
    @Order(1)
    void aKilledProxyShowsTheCloseAndARestartedOneServesConsoles(E2eStack.Stack stack) throws Exception {
        Prerequisites.require("the browser part of the kill -9 scenario", Prerequisites.missingForBrowser());
        String url = stack.tenantA.consoleUrlV3(server, 0);
        try (BrowserConsole browser = new BrowserConsole()) {
            try {
                browser.open(url);
                assertThat(browser.awaitStatus(s -> !s.isEmpty() && !s.startsWith("connecting"), Duration.ofSeconds(20)))
                        .isEqualTo("connected as writer");
                long killed = System.nanoTime();
                stack.deployment.kill9("serialproxy");
                String closed = browser.awaitStatus(s -> s.startsWith("closed"), Duration.ofSeconds(10));
                System.out.printf("e2e: %d ms after kill -9 of serialproxy the page shows: %s%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed), closed);
            } catch (Throwable e) {
                browser.screenshot(E2eStack.artifacts().resolve("FaultsIT.aKilledProxyShowsTheCloseAndARestartedOneServesConsoles")
                        .resolve("screenshot.png"));
                throw e;
            }
        }
        restartProxy(stack);
        try (ConsoleSocket portOne = ConsoleSocket.open(stack.tenantA.consoleUrlV3(server, 1))) {
            portOne.awaitPrompt();
            portOne.type("echo after-restart-$((40+2))\r");
            portOne.awaitText("after-restart-42", Duration.ofSeconds(20));
        }
        // No admin needed: the restarted proxy's announcement ended the dead process's writer session.
        String sessions = "/v2.1/servers/" + server + "/serial-console-sessions";
        assertThat(portZeroWriters(stack.admin.send("GET", sessions, null))).as("open port 0 writers").isEmpty();
        List<JsonNode> history = portZeroWriters(stack.admin.send("GET", sessions + "?all=1", null));
        assertThat(history).as("port 0 writers ever").isNotEmpty();
        assertThat(history.get(0).path("end_reason").asText()).as("the newest: %s", history.get(0)).isEqualTo("proxy-lost");
    }

    /**
     * The spec's "a restarted proxy accepts the same token". The restarted proxy keeps its proxy_id
     * (hostname:port) but announces a new incarnation to consoleauth before its first session, which
     * ends the killed process's writer session as proxy-lost at once: no 409 console_in_use, no
     * waiting for the lease, no admin.
     */
    @Test
    @Order(3)
    void aRestartedProxyAcceptsTheSameTokenAfterKill9(E2eStack.Stack stack) throws Exception {
        String url = stack.tenantA.consoleUrlV3(server, 0);
        try (ConsoleSocket writer = ConsoleSocket.open(url)) {
            writer.awaitPrompt();
            stack.deployment.kill9("serialproxy");
            assertThat(writer.awaitClose(Duration.ofSeconds(10))).as("the console sees the proxy die").isTrue();
        }
        restartProxy(stack);
        long started = System.nanoTime();
        ConsoleSocket.Attempt attempt = ConsoleSocket.open(url, null);
        assertThat(attempt.status()).as("the same token, first try after the restart (409: the dead writer still held)")
                .isEqualTo(101);
        try (ConsoleSocket again = attempt.console()) {
            again.awaitPrompt();
            again.type("echo back-$((40+2))\r");
            again.awaitText("back-42", Duration.ofSeconds(20));
        }
        System.out.printf("e2e: same token accepted %.1f s after the proxy restart%n", (System.nanoTime() - started) / 1e9);
    }

    @Test
    @Order(2)
    void deletingTheServerEndsItsConsoleWithGuestClosedThePort(E2eStack.Stack stack) throws Exception {
        String doomed = stack.bootServer("e2e-doomed", 1);
        try (ConsoleSocket writer = ConsoleSocket.open(stack.tenantA.consoleUrlV3(doomed, 0))) {
            writer.awaitPrompt();
            long sent = System.nanoTime();
            ApiClient.Reply deleted = stack.tenantA.delete(doomed);
            assertThat(deleted.status()).as("delete: %s", deleted.text()).isEqualTo(204);
            assertThat(writer.awaitClose(Duration.ofSeconds(30))).as("the console ends with its server").isTrue();
            System.out.printf("e2e: server deletion closed its console in %d ms (code %d, \"%s\")%n",
                    TimeUnit.NANOSECONDS.toMillis(writer.closedAtNanos() - sent), writer.closeCode(), writer.closeReason());
            assertThat(writer.closeReason()).isEqualTo("guest closed the port");
        }
    }

    private static List<JsonNode> portZeroWriters(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        List<JsonNode> writers = new ArrayList<>();
        for (JsonNode session : reply.body().path("serial_console_sessions")) {
            if (session.path("port_index").asInt() == 0 && "writer".equals(session.path("role").asText())) {
                writers.add(session);
            }
        }
        return writers;
    }

    private static void restartProxy(E2eStack.Stack stack) throws Exception {
        long started = System.nanoTime();
        stack.deployment.start("serialproxy");
        System.out.printf("e2e: serialproxy restarted and healthy in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
}
