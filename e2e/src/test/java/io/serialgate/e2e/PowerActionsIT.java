package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 2b: Nova's power actions on the real QEMU guest. A hard reboot closes an open console
 * with "guest closed the port" and the ports stay where they were; a stopped server gets no
 * console URL (409) and a token issued before the stop is refused before the upgrade with the
 * reason; started again, that same token reaches the guest's shell. A guest destroyed behind the
 * api's back (virsh) is found out by the next console request, and by the api's power-state sync.
 * Leaves the shared server running.
 */
@Order(4)
@ExtendWith(E2eStack.class)
class PowerActionsIT {

    private static String server;

    @BeforeAll
    static void boot(E2eStack.Stack stack) throws Exception {
        server = SharedServer.id(stack);
    }

    private static ApiClient.Reply act(E2eStack.Stack stack, String body) throws Exception {
        return stack.tenantA.send("POST", "/v2.1/servers/" + server + "/action", body);
    }

    private static String status(E2eStack.Stack stack) throws Exception {
        return stack.tenantA.send("GET", "/v2.1/servers/" + server, null).body().path("server").path("status").asText();
    }

    @Test
    void rebootStopAndStartOnTheRealGuest(E2eStack.Stack stack) throws Exception {
        String before = stack.tenantA.consoleUrlV3(server, 0);
        try (ConsoleSocket writer = ConsoleSocket.open(before)) {
            writer.awaitPrompt();
            long sent = System.nanoTime();
            ApiClient.Reply reboot = act(stack, "{\"reboot\": {\"type\": \"HARD\"}}");
            assertThat(reboot.status()).as("hard reboot: %s", reboot.text()).isEqualTo(202);
            assertThat(writer.awaitClose(Duration.ofSeconds(10))).as("the open console closes when QEMU restarts").isTrue();
            assertThat(writer.closeReason()).isEqualTo("guest closed the port");
            System.out.printf("e2e: hard reboot answered and closed the open console in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(writer.closedAtNanos() - sent));
        }
        assertThat(status(stack)).isEqualTo("ACTIVE");

        String issuedWhileRunning = stack.tenantA.consoleUrlV3(server, 0);
        ApiClient.Reply stop = act(stack, "{\"os-stop\": null}");
        assertThat(stop.status()).as("os-stop: %s", stop.text()).isEqualTo(202);
        ApiClient.Reply shown = stack.tenantA.send("GET", "/v2.1/servers/" + server, null);
        assertThat(shown.body().path("server").path("status").asText()).isEqualTo("SHUTOFF");
        assertThat(shown.body().path("server").path("OS-EXT-STS:power_state").asInt()).isEqualTo(4);

        ApiClient.Reply noUrl = stack.tenantA.send("POST", "/v3/servers/" + server + "/get-serial-console", "{\"port\": 0}");
        assertThat(noUrl.status()).as("console URL of a stopped server: %s", noUrl.text()).isEqualTo(409);
        assertThat(noUrl.text()).contains("vm_state stopped");
        UpgradeAttempt refused = UpgradeAttempt.of(issuedWhileRunning, null);
        assertThat(refused.status()).as("connect to a stopped server: %s", refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("server not running");

        ApiClient.Reply start = act(stack, "{\"os-start\": null}");
        assertThat(start.status()).as("os-start: %s", start.text()).isEqualTo(202);
        assertThat(status(stack)).isEqualTo("ACTIVE");
        // The token issued before the stop still works: the serial port never moved.
        try (ConsoleSocket again = ConsoleSocket.open(issuedWhileRunning)) {
            again.awaitPrompt();
            again.type("echo started-again-$((6*7))\r");
            again.awaitText("started-again-42", Duration.ofSeconds(15));
        }
    }

    @Test
    void theTerminalPageSaysWhyAStoppedServersConsoleIsRefused(E2eStack.Stack stack) throws Exception {
        Prerequisites.require("the browser scenario", Prerequisites.missingForBrowser());
        String url = stack.tenantA.consoleUrlV3(server, 0);
        assertThat(act(stack, "{\"os-stop\": null}").status()).isEqualTo(202);
        try (BrowserConsole browser = new BrowserConsole()) {
            // The page cannot read a refused upgrade's answer: it asks the proxy why, and shows that.
            browser.open(url);
            browser.awaitStatus(s -> s.startsWith("closed: server not running"), Duration.ofSeconds(20));
            assertThat(browser.status()).isEqualTo("closed: server not running: start it, then open the console again.");
        } finally {
            assertThat(act(stack, "{\"os-start\": null}").status()).isEqualTo(202);
        }
        try (ConsoleSocket console = ConsoleSocket.open(url)) {
            console.awaitPrompt();
        }
    }

    @Test
    void aGuestDestroyedBehindTheApisBackIsFoundByTheNextConsoleRequestAndByTheSync(E2eStack.Stack stack) throws Exception {
        // (Unless the api's scheduled power-state sync came first: either way it is SHUTOFF, and 409.)
        virshDestroy();
        ApiClient.Reply noUrl = stack.tenantA.send("POST", "/v3/servers/" + server + "/get-serial-console", "{\"port\": 0}");
        assertThat(noUrl.status()).as("console URL of a guest stopped behind the api: %s", noUrl.text()).isEqualTo(409);
        assertThat(noUrl.text()).contains("vm_state stopped").contains("os-start");
        assertThat(status(stack)).isEqualTo("SHUTOFF");

        assertThat(act(stack, "{\"os-start\": null}").status()).isEqualTo(202);

        virshDestroy();
        HttpResponse<String> sync = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        stack.deployment.apiUrl() + "/admin/tasks/sync-power-states"))
                .header("Authorization", "Bearer " + stack.deployment.env().get("SERIALGATE_SERVICE_SECRET"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sync.statusCode()).as("sync-power-states: %s", sync.body()).isEqualTo(200);
        assertThat(sync.body()).contains("hosts_unreachable=0");
        assertThat(status(stack)).as("after the power-state sync").isEqualTo("SHUTOFF");

        assertThat(act(stack, "{\"os-start\": null}").status()).isEqualTo(202);
        try (ConsoleSocket console = ConsoleSocket.open(stack.tenantA.consoleUrlV3(server, 0))) {
            console.awaitPrompt();
        }
    }

    /** Powers the guest off behind serialgate's back, as a host reboot or an operator's virsh does. */
    private static void virshDestroy() throws Exception {
        Process virsh = new ProcessBuilder("virsh", "-c", Prerequisites.LIBVIRT_URI, "destroy", "serialgate-" + server)
                .redirectErrorStream(true).start();
        String said = new String(virsh.getInputStream().readAllBytes());
        assertThat(virsh.waitFor(30, TimeUnit.SECONDS) && virsh.exitValue() == 0).as("virsh destroy: %s", said).isTrue();
    }
}
