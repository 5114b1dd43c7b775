package io.serialgate.compute.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.contract.ComputeHostInfo;
import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.contract.SpawnRequest;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.testing.TestPostgres;
import io.serialgate.compute.ComputeApplication;
import io.serialgate.compute.ComputeConfiguration;
import io.serialgate.compute.core.fake.SerialConsoleClient;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The internal REST API of compute-driver on a real server, PostgreSQL and sockets. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ComputeApiTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    static final DropwizardAppExtension<ComputeConfiguration> APP = new DropwizardAppExtension<>(
            ComputeApplication.class, ResourceHelpers.resourceFilePath("compute-test.yml"),
            ConfigOverride.config("database.url", TestPostgres::freshDatabaseUrl),
            ConfigOverride.config("serial_console.port_range", "24100:24199"));

    private ComputeClient compute;
    private InternalHttp http;

    @BeforeEach
    void clients() {
        compute = new ComputeClient(URI.create("http://127.0.0.1:" + APP.getLocalPort()), SECRET, Duration.ofSeconds(10));
        http = new InternalHttp(APP.getLocalPort(), SECRET);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    private static String prompt(String name) {
        return name + " login-free:~# ";
    }

    @Test
    void spawnShowListConsoleAndDestroy() throws Exception {
        String id = uuid();
        ComputeInstance spawned = compute.spawn(new SpawnRequest(id, "web1", Map.of("hw_serial_port_count", "2")));
        assertEquals(new ComputeInstance(id, "web1", "test-host", "fake", 2, "running"), spawned);
        assertEquals(spawned, compute.show(id));
        assertTrue(compute.list().contains(spawned));

        SerialConsoleEndpoint ttyS0 = compute.serialConsole(id, 0);
        SerialConsoleEndpoint ttyS1 = compute.serialConsole(id, 1);
        assertEquals("127.0.0.1", ttyS0.host());
        assertEquals(id, ttyS0.instanceUuid());
        assertTrue(ttyS0.port() >= 24100 && ttyS0.port() <= 24199, "port " + ttyS0.port());
        assertFalse(ttyS0.port() == ttyS1.port());
        try (SerialConsoleClient console = new SerialConsoleClient(ttyS1.host(), ttyS1.port())) {
            assertTrue(console.readUntil(prompt("web1")).startsWith("serialgate fake guest web1 ttyS1\r\n"));
            console.type("echo ok\r");
            assertEquals("echo ok\r\nok\r\n" + prompt("web1"), console.readUntil(prompt("web1")));
        }

        compute.destroy(id);
        assertThrows(NotFoundException.class, () -> compute.show(id));
        assertFalse(compute.list().stream().anyMatch(i -> i.instanceUuid().equals(id)));
        assertThrows(ConnectException.class, () -> new SerialConsoleClient(ttyS0.host(), ttyS0.port()));
    }

    @Test
    void consoleAnswersAsDocumentedOnTheWire() throws Exception {
        String id = uuid();
        assertEquals(201, http.postJson("/v1/servers",
                "{\"instance_uuid\":\"" + id + "\",\"name\":\"wire\",\"image_properties\":{\"serial_ports\":1}}").status());
        InternalHttp.Answer console = http.get("/v1/servers/" + id + "/serial-consoles/0");
        assertEquals(200, console.status());
        assertEquals(id, console.body().get("instance_uuid").asText());
        assertEquals(0, console.body().get("port_index").asInt());
        assertEquals("127.0.0.1", console.body().get("host").asText());
        assertTrue(console.body().get("port").isInt());
        compute.destroy(id);
    }

    @Test
    void consoleLogKeepsWhatTheGuestPrinted() throws Exception {
        String id = uuid();
        compute.spawn(new SpawnRequest(id, "logged", Map.of()));
        SerialConsoleEndpoint ttyS0 = compute.serialConsole(id, 0);
        try (SerialConsoleClient console = new SerialConsoleClient(ttyS0.host(), ttyS0.port())) {
            console.readUntil(prompt("logged"));
            console.type("echo remember me\r");
            console.readUntil(prompt("logged"));
        }
        InternalHttp.Answer log = http.get("/v1/servers/" + id + "/serial-consoles/0/log?lines=2");
        assertEquals(200, log.status());
        assertEquals(2, log.body().get("lines").asInt());
        assertEquals("remember me\r\n" + prompt("logged"), log.body().get("output").asText());
        assertEquals(200, http.get("/v1/servers/" + id + "/serial-consoles/0/log").status());
        for (String bad : new String[] {"0", "-3", "x", "10001"}) {
            InternalHttp.Answer answer = http.get("/v1/servers/" + id + "/serial-consoles/0/log?lines=" + bad);
            assertEquals(400, answer.status(), bad);
            assertTrue(answer.message().contains("lines"), answer.message());
        }
        assertEquals(404, http.get("/v1/servers/" + id + "/serial-consoles/1/log").status());
        assertEquals(404, http.get("/v1/servers/" + uuid() + "/serial-consoles/0/log").status());
        compute.destroy(id);
    }

    @Test
    void actionsKeepEverySerialPortsHostAndPort() throws Exception {
        String id = uuid();
        compute.spawn(new SpawnRequest(id, "keeper", Map.of("hw_serial_port_count", "2")));
        SerialConsoleEndpoint ttyS0 = compute.serialConsole(id, 0);
        SerialConsoleEndpoint ttyS1 = compute.serialConsole(id, 1);
        String[][] steps = {{"reboot", "running"}, {"stop", "shutoff"}, {"start", "running"}, {"rebuild", "running"},
            {"stop", "shutoff"}, {"rebuild", "shutoff"}, {"reboot", "running"}};
        for (String[] step : steps) {
            InternalHttp.Answer answer = http.postJson("/v1/servers/" + id + "/action", "{\"" + step[0] + "\": {}}");
            assertEquals(200, answer.status(), step[0] + ": " + answer.raw().body());
            assertEquals(step[1], answer.body().get("state").asText(), step[0]);
            assertEquals(step[1], compute.show(id).state(), step[0]);
            if (step[1].equals("running")) {
                assertEquals(ttyS0, compute.serialConsole(id, 0), "after " + step[0]);
                assertEquals(ttyS1, compute.serialConsole(id, 1), "after " + step[0]);
                try (SerialConsoleClient console = new SerialConsoleClient(ttyS1.host(), ttyS1.port())) {
                    console.readUntil(prompt("keeper"));
                }
            } else {
                // Stopped: nothing listens, so no endpoint is handed out (409), and the port is kept.
                InternalHttp.Answer refused = http.get("/v1/servers/" + id + "/serial-consoles/0");
                assertEquals(409, refused.status(), "after " + step[0]);
                assertEquals("server_not_running", refused.reason());
                assertTrue(refused.message().contains("is not running"), refused.message());
                assertThrows(ConnectException.class, () -> new SerialConsoleClient(ttyS0.host(), ttyS0.port()));
                assertEquals(200, http.get("/v1/servers/" + id + "/serial-consoles/0/log?lines=5").status());
            }
        }
        compute.destroy(id);
    }

    @Test
    void badActionsAre400WrongStateIs409UnknownServerIs404() throws Exception {
        String id = uuid();
        compute.spawn(new SpawnRequest(id, "acted-on", Map.of()));
        String path = "/v1/servers/" + id + "/action";
        for (String body : new String[] {"{}", "{\"reboot\": {}, \"stop\": {}}", "{\"dance\": {}}",
            "{\"reboot\": 1}", "{not json", "[]", ""}) {
            InternalHttp.Answer answer = http.postJson(path, body);
            assertEquals(400, answer.status(), body);
            assertEquals(400, answer.code(), body);
            assertFalse(answer.message().isBlank(), body);
        }
        assertTrue(http.postJson(path, "{\"dance\": {}}").message().contains("reboot, stop, start, rebuild"));
        InternalHttp.Answer startRunning = http.postJson(path, "{\"start\": {}}");
        assertEquals(409, startRunning.status());
        assertEquals("invalid_state", startRunning.reason());
        assertEquals(200, http.postJson(path, "{\"stop\": {}}").status());
        assertEquals(409, http.postJson(path, "{\"stop\": {}}").status());
        InternalHttp.Answer unknown = http.postJson("/v1/servers/" + uuid() + "/action", "{\"reboot\": {}}");
        assertEquals(404, unknown.status());
        assertEquals("server_not_found", unknown.reason());
        assertEquals(401, http.send("POST", path, "application/json", "{\"start\": {}}", null).status());
        compute.destroy(id);
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        InternalHttp.Answer answer = http.postJson("/v1/servers", "{\"name\": \"" + "x".repeat(70_000) + "\"}");
        assertEquals(413, answer.status());
        assertEquals("request_too_large", answer.reason());
    }

    @Test
    void hostInfo() {
        assertEquals(new ComputeHostInfo("test-host", "fake", "24100:24199"), compute.host());
    }

    @Test
    void everyEndpointWantsTheServiceCredential() throws Exception {
        for (String path : new String[] {"/v1/host", "/v1/servers", "/v1/servers/" + uuid(),
                "/v1/servers/" + uuid() + "/serial-consoles/0", "/v1/servers/" + uuid() + "/serial-consoles/0/log"}) {
            InternalHttp.Answer none = http.send("GET", path, null, null, null);
            assertEquals(401, none.status(), path);
            assertEquals("unauthorized", none.reason());
            InternalHttp.Answer wrong = http.send("GET", path, null, null, "Bearer " + "f".repeat(64));
            assertEquals(401, wrong.status(), path);
        }
        assertEquals(401, http.send("POST", "/v1/servers", "application/json", "{}", null).status());
        assertEquals(401, http.send("DELETE", "/v1/servers/" + uuid(), null, null, null).status());
    }

    @Test
    void unknownServerIs404Everywhere() {
        String id = uuid();
        assertEquals("server_not_found", assertThrows(NotFoundException.class, () -> compute.show(id)).reason());
        assertThrows(NotFoundException.class, () -> compute.destroy(id));
        assertThrows(NotFoundException.class, () -> compute.serialConsole(id, 0));
    }

    @Test
    void portIndexOutOfRangeIs404NegativeOrJunkIs400() throws Exception {
        String id = uuid();
        compute.spawn(new SpawnRequest(id, "one-port", Map.of()));
        NotFoundException beyond = assertThrows(NotFoundException.class, () -> compute.serialConsole(id, 1));
        assertEquals("serial_port_not_found", beyond.reason());
        InternalHttp.Answer negative = http.get("/v1/servers/" + id + "/serial-consoles/-1");
        assertEquals(400, negative.status());
        assertEquals(400, negative.code());
        assertTrue(negative.message().contains("port_index"), negative.message());
        InternalHttp.Answer junk = http.get("/v1/servers/" + id + "/serial-consoles/abc");
        assertEquals(400, junk.status());
        assertTrue(junk.message().contains("port_index"), junk.message());
        compute.destroy(id);
    }

    @Test
    void badImagePropertyIs400NamingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> compute.spawn(
                new SpawnRequest(uuid(), "vm", Map.of("hw_serial_port_count", "9"))));
        assertTrue(e.getMessage().contains("hw_serial_port_count"), e.getMessage());
        InvalidInputException alias = assertThrows(InvalidInputException.class, () -> compute.spawn(
                new SpawnRequest(uuid(), "vm", Map.of("serial_ports", "many"))));
        assertTrue(alias.getMessage().contains("serial_ports"), alias.getMessage());
    }

    @Test
    void duplicateSpawnIs409AndKeepsTheFirst() {
        String id = uuid();
        compute.spawn(new SpawnRequest(id, "first", Map.of()));
        ConflictException e = assertThrows(ConflictException.class,
                () -> compute.spawn(new SpawnRequest(id, "second", Map.of())));
        assertEquals("server_exists", e.reason());
        assertEquals("first", compute.show(id).name());
        compute.destroy(id);
    }

    @Test
    void badSpawnBodiesAre400WithAnErrorBody() throws Exception {
        String[] bodies = {
            "{not json",
            "",
            "[]",
            "{\"instance_uuid\": \"x\", \"name\": \"vm\"}",
            "{\"name\": \"vm\"}",
            "{\"instance_uuid\": \"" + uuid() + "\"}",
            "{\"instance_uuid\": \"" + uuid() + "\", \"name\": \"vm\", \"image_properties\": \"two\"}",
        };
        for (String body : bodies) {
            InternalHttp.Answer answer = http.postJson("/v1/servers", body);
            assertEquals(400, answer.status(), body);
            assertEquals(400, answer.code(), body);
            assertFalse(answer.message().isBlank(), body);
            assertFalse(answer.raw().body().contains("at io.serialgate"), "no stack trace: " + answer.raw().body());
        }
        assertEquals("invalid_input", http.postJson("/v1/servers", "{not json").reason());
    }

    @Test
    void jerseyRefusalsAreErrorBodiesToo() throws Exception {
        InternalHttp.Answer unknownPath = http.get("/v1/nothing-here");
        assertEquals(404, unknownPath.status());
        assertEquals("not_found", unknownPath.reason());
        InternalHttp.Answer wrongType = http.send("POST", "/v1/servers", "text/plain", "hello", "Bearer " + SECRET);
        assertEquals(415, wrongType.status());
        assertEquals("unsupported_media_type", wrongType.reason());
        InternalHttp.Answer wrongMethod = http.send("PUT", "/v1/host", "application/json", "{}", "Bearer " + SECRET);
        assertEquals(405, wrongMethod.status());
        assertEquals("method_not_allowed", wrongMethod.reason());
    }
}
