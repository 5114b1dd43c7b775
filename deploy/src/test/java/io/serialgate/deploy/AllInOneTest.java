package io.serialgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton end to end: the all-in-one launcher starts the four real services on a real
 * PostgreSQL; through the public API a server is created and a console URL obtained; a real
 * websocket client types {@code echo hello} into the guest's serial port and reads {@code hello} back.
 */
@ExtendWith(RunningAllInOne.class)
class AllInOneTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private RunningAllInOne system;
    private AllInOne allInOne;
    private AllInOneSummary summary;
    private ByteArrayOutputStream launcherOutput;
    private Path dataDir;

    @BeforeEach
    void useTheRunningSystem() {
        system = RunningAllInOne.get();
        allInOne = system.allInOne;
        summary = system.summary;
        launcherOutput = system.launcherOutput;
        dataDir = system.dataDir;
    }

    @Test
    void theLauncherReportsEverythingANewcomerNeeds() throws Exception {
        assertThat(launcherOutput.toString(StandardCharsets.UTF_8)).contains("[6/6] starting demo server ... ok");
        JsonNode written = json.readTree(dataDir.resolve("all-in-one.json").toFile());
        assertThat(written.path("endpoints").path("api").asText()).isEqualTo("http://127.0.0.1:" + allInOne.apiPort);
        assertThat(written.path("admin_key").asText()).isEqualTo(summary.adminKey()).hasSizeGreaterThan(40);
        assertThat(written.path("demo_server_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(written.path("console_url").asText())
                .startsWith("http://127.0.0.1:" + allInOne.serialproxyPort + "/serial.html?token=");
    }

    @Test
    void aDemoServerWhoseGuestVanishedIsMadeAgain() throws Exception {
        URI api = URI.create(summary.endpoints().get("api"));
        DemoServer demo = new DemoServer(api, summary.adminKey(), json, "demo-vanished");
        DemoServer.Ready first = demo.ready(summary.projectId());
        assertThat(first.repair()).isEqualTo(DemoServer.Repair.NONE);
        assertThat(demo.ready(summary.projectId()).serverId()).isEqualTo(first.serverId());

        // The guest goes away behind the api's back, as with `virsh undefine` on a libvirt host.
        String secret = json.readTree(dataDir.resolve("secrets.json").toFile()).path("service_secret").asText();
        new io.serialgate.common.client.ComputeClient(URI.create(summary.endpoints().get("compute")), secret,
                Duration.ofSeconds(10)).destroy(first.serverId());

        DemoServer.Ready second = demo.ready(summary.projectId());
        assertThat(second.repair()).isEqualTo(DemoServer.Repair.REPLACED);
        assertThat(second.serverId()).isNotEqualTo(first.serverId());
        assertThat(second.consoleUrl()).contains("/serial.html?token=");
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(api.resolve("/v2.1/servers/" + first.serverId()))
                .header("X-Auth-Token", summary.adminKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(404);
    }

    @Test
    void aDemoServerWhoseGuestWasShutOffIsStartedAndItsConsoleWorks() throws Exception {
        URI api = URI.create(summary.endpoints().get("api"));
        DemoServer demo = new DemoServer(api, summary.adminKey(), json, "demo-shutoff");
        DemoServer.Ready first = demo.ready(summary.projectId());

        // The guest is powered off behind the api's back, as a reboot of the machine leaves it.
        String secret = json.readTree(dataDir.resolve("secrets.json").toFile()).path("service_secret").asText();
        assertThat(new io.serialgate.common.client.ComputeClient(URI.create(summary.endpoints().get("compute")), secret,
                Duration.ofSeconds(10)).act(first.serverId(), "stop").state()).isEqualTo("shutoff");

        DemoServer.Ready second = demo.ready(summary.projectId());
        assertThat(second.repair()).isEqualTo(DemoServer.Repair.STARTED);
        assertThat(second.serverId()).isEqualTo(first.serverId());
        StringBuilder screen = new StringBuilder();
        WebSocket socket = connect(second.consoleUrl(), screen);
        try {
            waitFor(screen, "# ");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void aConsoleUrlFromTheApiEchoesWhatIsTyped() throws Exception {
        String url = consoleUrlFromApi(summary.demoServerId());
        StringBuilder screen = new StringBuilder();
        WebSocket socket = connect(url, screen);
        try {
            waitFor(screen, "# ");
            socket.sendBinary(ByteBuffer.wrap("echo hello\r".getBytes(StandardCharsets.UTF_8)), true).join();
            waitFor(screen, "\r\nhello\r\n");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void aForgedTokenIsRefusedBeforeTheUpgrade() {
        String forged = "ws://127.0.0.1:" + allInOne.serialproxyPort + "/?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        CompletableFuture<WebSocket> attempt = http.newWebSocketBuilder()
                .subprotocols("binary")
                .buildAsync(URI.create(forged), new WebSocket.Listener() {});
        Throwable failure = null;
        try {
            attempt.join();
        } catch (CompletionException e) {
            failure = e.getCause();
        }
        assertThat(failure).isInstanceOf(WebSocketHandshakeException.class);
        int status = ((WebSocketHandshakeException) failure).getResponse().statusCode();
        assertThat(status).isBetween(400, 499);
    }

    @Test
    void anUnknownServerIsANovaItemNotFound() throws Exception {
        HttpResponse<String> response = post("/v2/admin/servers/00000000-0000-0000-0000-000000000000/get-serial-console", "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).path("itemNotFound").path("code").asInt()).isEqualTo(404);
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        HttpResponse<String> response = post("/v2/admin/servers/" + summary.demoServerId() + "/get-serial-console", "{nope");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("badRequest").path("message").asText()).isNotBlank();
    }

    private String consoleUrlFromApi(String serverId) throws Exception {
        HttpResponse<String> response = post("/v3/servers/" + serverId + "/get-serial-console", "{}");
        assertThat(response.statusCode()).isEqualTo(202);
        return json.readTree(response.body()).path("serial_console").path("url").asText();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(summary.endpoints().get("api") + path))
                .header("X-Auth-Token", summary.adminKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private WebSocket connect(String consoleUrl, StringBuilder screen) {
        URI ws = URI.create(consoleUrl.replaceFirst("^http", "ws"));
        return http.newWebSocketBuilder()
                .subprotocols("binary")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        synchronized (screen) {
                            screen.append(StandardCharsets.UTF_8.decode(data));
                            screen.notifyAll();
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
    }

    private static void waitFor(StringBuilder screen, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (screen) {
            while (screen.indexOf(expected) < 0) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("waiting for %s in %s", expected.replace("\r", "\\r").replace("\n", "\\n"),
                        screen.toString().replace("\r", "\\r").replace("\n", "\\n")).isPositive();
                screen.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }
}
