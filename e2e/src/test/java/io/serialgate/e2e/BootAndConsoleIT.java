package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 1: a server with two serial ports booted through the api; a console URL for each port
 * in every API shape; the browser's terminal on port 0 runs {@code uname -a} in the guest; the CLI's
 * {@code console connect} reaches port 1.
 */
@Order(1)
@ExtendWith(E2eStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootAndConsoleIT {

    private static String server;

    @BeforeAll
    static void bootServer(E2eStack.Stack stack) throws Exception {
        server = SharedServer.id(stack);
    }

    @Test
    @Order(1)
    void everyApiShapeGivesAConsoleUrlForEachPort(E2eStack.Stack stack) throws Exception {
        String proxy = stack.deployment.serialproxyUrl() + "/serial.html?token=";
        for (int port : new int[] {0, 1}) {
            List<String> urls = List.of(
                    stack.tenantA.consoleUrlV2(E2eStack.PROJECT_A, server, port),
                    stack.tenantA.consoleUrlV3(server, port),
                    stack.tenantA.consoleUrlAction(server, port),
                    stack.tenantA.consoleUrlRemoteConsoles(server, port));
            assertThat(urls).allSatisfy(url -> assertThat(url).startsWith(proxy).hasSizeGreaterThan(proxy.length() + 20));
            assertThat(urls).doesNotHaveDuplicates(); // a fresh token every time
        }
    }

    @Test
    @Order(2)
    void theBrowserTerminalRunsUnameInTheGuest(E2eStack.Stack stack) throws Exception {
        Prerequisites.require("the browser scenario", Prerequisites.missingForBrowser());
        String url = stack.tenantA.consoleUrlV3(server, 0);
        try (BrowserConsole browser = new BrowserConsole()) {
            try {
                long started = System.nanoTime();
                browser.open(url);
                browser.awaitStatus(s -> s.startsWith("connected") || s.startsWith("closed"), Duration.ofSeconds(20));
                assertThat(browser.status()).isEqualTo("connected as writer");
                browser.pressEnter();
                browser.awaitScreen(s -> s.contains("# "), Duration.ofSeconds(30), "the guest's prompt");
                browser.type("uname -a");
                browser.pressEnter();
                String screen = browser.awaitScreen(s -> s.lines().anyMatch(l -> l.startsWith("Linux ")),
                        Duration.ofSeconds(30), "uname's answer (a line starting with \"Linux \")");
                System.out.printf("e2e: browser console answered uname -a in %.1f s: %s%n",
                        (System.nanoTime() - started) / 1e9,
                        screen.lines().filter(l -> l.startsWith("Linux ")).findFirst().orElse(""));
            } catch (Throwable e) {
                browser.screenshot(E2eStack.artifacts().resolve("BootAndConsoleIT.theBrowserTerminalRunsUnameInTheGuest")
                        .resolve("screenshot.png"));
                throw e;
            }
        }
    }

    @Test
    @Order(3)
    void theCliConsoleConnectReachesPortOne(E2eStack.Stack stack) throws Exception {
        Path cli = Prerequisites.repo().resolve("client/bin/serialgate-client");
        ProcessBuilder builder = new ProcessBuilder(cli.toString(), "--api-url", stack.deployment.apiUrl(),
                "--token", stack.keyA, "console", "connect", server, "--port", "1")
                .redirectErrorStream(true);
        builder.environment().putAll(stack.deployment.env());
        long started = System.nanoTime();
        Process process = builder.start();
        // Enter first (the guest's prompt was printed before anyone listened), then the command.
        process.getOutputStream().write("\recho port-one-$((6*7))\r".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output;
        try (var out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI ends once its input is done").isTrue();
        assertThat(output).as("CLI output (exit %s)", process.exitValue()).contains("port-one-42");
        assertThat(process.exitValue()).as("CLI exit status; output: %s", output).isZero();
        System.out.printf("e2e: CLI console connect --port 1 round trip in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }
}
