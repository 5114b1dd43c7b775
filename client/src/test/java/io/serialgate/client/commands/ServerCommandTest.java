package io.serialgate.client.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.client.ExitCode;
import io.serialgate.client.support.ClientRun;
import io.serialgate.client.support.ClientRun.Result;
import io.serialgate.client.support.FakeApi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerCommandTest {

    private final ObjectMapper json = new ObjectMapper();
    private FakeApi api;
    private String demoId;
    private String otherId;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi();
        demoId = api.addServer("demo", 2);
        otherId = api.addServer("other", 1);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listPrintsATableOfServers() {
        Result result = ClientRun.against(api).run("server", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).matches("\\| ID +\\| Name +\\| Status +\\| Created +\\|");
        assertThat(lines.get(3)).contains(demoId, "| demo ", "| ACTIVE ", "2026-11-26T00:00:00Z");
        assertThat(lines.get(4)).contains(otherId, "| other ");
        assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
        assertThat(api.requests().get(0).uri()).isEqualTo("/v2.1/servers/detail");
    }

    @Test
    void listPrintsJsonOnDemand() throws Exception {
        Result result = ClientRun.against(api).run("server", "list", "--format", "json");

        JsonNode servers = json.readTree(result.stdout());
        assertThat(servers.isArray()).isTrue();
        assertThat(servers.get(0).path("id").asText()).isEqualTo(demoId);
        assertThat(servers.get(1).path("name").asText()).isEqualTo("other");
    }

    @Test
    void anEmptyListIsJustTheHeader() {
        api.servers().clear();

        Result result = ClientRun.against(api).run("server", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout().lines().count()).isEqualTo(3);
    }

    @Test
    void showPrintsEveryFieldByNameOrId() {
        Result byName = ClientRun.against(api).run("server", "show", "demo");
        Result byId = ClientRun.against(api).run("server", "show", demoId);

        assertThat(byName.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(byName.stdout()).contains("| Property ", "| id ", demoId, "| status ", "ACTIVE", "| tenant_id ");
        assertThat(byId.stdout()).isEqualTo(byName.stdout());
    }

    @Test
    void showPrintsJsonOnDemand() throws Exception {
        Result result = ClientRun.against(api).run("--format", "json", "server", "show", "demo");

        JsonNode server = json.readTree(result.stdout());
        assertThat(server.path("id").asText()).isEqualTo(demoId);
        assertThat(server.path("links").isArray()).isTrue();
    }

    @Test
    void showOfAnUnknownServerIsNotFound() {
        Result result = ClientRun.against(api).run("server", "show", "ghost");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.stderr().strip()).isEqualTo("serialgate-client: No server with a name or ID of 'ghost' exists.");
    }

    @Test
    void createSendsTheNameAndSerialPortCountAndShowsTheServer() throws Exception {
        Result result = ClientRun.against(api).run("server", "create", "web", "--serial-ports", "3",
                "--property", "hw_serial_port_count=1", "--property", "os_type=linux", "--format", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode shown = json.readTree(result.stdout());
        assertThat(shown.path("name").asText()).isEqualTo("web");
        assertThat(shown.path("serial_port_count").asInt()).isEqualTo(3);
        JsonNode sent = api.requests().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow().body();
        assertThat(sent.path("server").path("name").asText()).isEqualTo("web");
        assertThat(sent.path("server").path("image_properties").path("hw_serial_port_count").asText()).isEqualTo("3");
        assertThat(sent.path("server").path("image_properties").path("os_type").asText()).isEqualTo("linux");
    }

    @Test
    void createPrintsATableByDefault() {
        Result result = ClientRun.against(api).run("server", "create", "web");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout()).contains("| name ", "| web ");
    }

    @Test
    void createRejectsBadInput() {
        Result zeroPorts = ClientRun.against(api).run("server", "create", "web", "--serial-ports", "0");
        Result blankName = ClientRun.against(api).run("server", "create", " ");
        Result badProperty = ClientRun.against(api).run("server", "create", "web", "--property", "novalue");

        assertThat(zeroPorts.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(zeroPorts.stderr()).contains("--serial-ports must be 1 or more, got 0");
        assertThat(blankName.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badProperty.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badProperty.stderr()).contains("KEY=VALUE");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void createRefusedByTheApiIsAUsageError() {
        api.failNext(400, "badRequest", "Invalid image property hw_serial_port_count: must be 1 to 8.");

        Result result = ClientRun.against(api).run("server", "create", "web", "--serial-ports", "99");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr()).contains("must be 1 to 8. (HTTP 400)");
    }

    @Test
    void deleteRemovesTheServer() {
        Result result = ClientRun.against(api).run("server", "delete", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout().strip()).isEqualTo("Request to delete server demo (" + demoId + ") has been accepted.");
        assertThat(api.servers()).doesNotContainKey(demoId);
    }

    @Test
    void deleteOfSeveralPrintsJsonOnDemand() throws Exception {
        Result result = ClientRun.against(api).run("server", "delete", "demo", otherId, "--format", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode deleted = json.readTree(result.stdout()).path("deleted");
        assertThat(deleted).hasSize(2);
        assertThat(deleted.get(1).path("name").asText()).isEqualTo("other");
        assertThat(api.servers()).isEmpty();
    }

    @Test
    void deleteRefusedWithAConflictIsExitCodeFive() {
        api.lock(demoId);

        Result result = ClientRun.against(api).run("server", "delete", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(result.stderr().strip()).isEqualTo("serialgate-client: Instance " + demoId + " is locked. (HTTP 409)");
    }

    @Test
    void stopAndStartSendNovasActionsAndPrintTheNewStatus() {
        Result stopped = ClientRun.against(api).run("server", "stop", "demo");

        assertThat(stopped.exitCode()).as(stopped.stderr()).isEqualTo(ExitCode.OK);
        assertThat(stopped.stdout().strip()).isEqualTo("Server demo (" + demoId + ") stopped; its status is SHUTOFF.");
        FakeApi.Recorded action = api.requests().stream().filter(r -> r.uri().endsWith("/action")).reduce((a, b) -> b).orElseThrow();
        assertThat(action.body().toString()).isEqualTo("{\"os-stop\":null}");

        Result started = ClientRun.against(api).run("server", "start", demoId);
        assertThat(started.stdout().strip()).isEqualTo("Server demo (" + demoId + ") started; its status is ACTIVE.");
    }

    @Test
    void rebootIsSoftUnlessHardAndPrintsJsonOnDemand() throws Exception {
        Result soft = ClientRun.against(api).run("server", "reboot", "demo", "other", "--format", "json");

        assertThat(soft.exitCode()).as(soft.stderr()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(soft.stdout());
        assertThat(json.at("/servers/0/name").asText()).isEqualTo("demo");
        assertThat(json.at("/servers/1/id").asText()).isEqualTo(otherId);
        assertThat(json.at("/servers/1/status").asText()).isEqualTo("ACTIVE");
        assertThat(api.requests().stream().filter(r -> r.uri().endsWith("/action")).map(r -> r.body().toString()))
                .containsOnly("{\"reboot\":{\"type\":\"SOFT\"}}");

        ClientRun.against(api).run("server", "stop", "demo");
        Result refused = ClientRun.against(api).run("server", "reboot", "demo");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(refused.stderr()).contains("Cannot 'reboot' instance " + demoId + " while it is in vm_state stopped");
        Result hard = ClientRun.against(api).run("server", "reboot", "--hard", "demo");
        assertThat(hard.stdout().strip()).isEqualTo("Server demo (" + demoId + ") hard rebooted; its status is ACTIVE.");
    }

    @Test
    void aPowerActionTheStateForbidsIsExitCodeFiveAndStopsThere() {
        Result result = ClientRun.against(api).run("server", "start", "demo", "other");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(result.stderr().strip()).isEqualTo("serialgate-client: Cannot 'start' instance " + demoId
                + " while it is in vm_state active (status ACTIVE). (HTTP 409)");
        assertThat(api.requests().stream().filter(r -> r.uri().contains(otherId + "/action"))).isEmpty();
        assertThat(ClientRun.against(api).run("server", "stop").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(ClientRun.against(api).run("server", "stop", "no-such-server").exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void aCommandGroupWithoutSubcommandIsAUsageError() {
        Result server = ClientRun.against(api).run("server");
        Result console = ClientRun.against(api).run("console");
        Result none = ClientRun.against(api).run();
        Result unknown = ClientRun.against(api).run("server", "migrate", "demo");

        assertThat(server.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(server.stderr()).contains("missing a subcommand: list, show, create, delete, start, stop or reboot");
        assertThat(console.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Result result = ClientRun.against(api).run("server", "list", "--format", "xml");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr()).contains("--format", "xml", "table", "json");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (String[] command : new String[][] {
            {}, {"get-serial-console"}, {"server"}, {"server", "list"}, {"server", "show"}, {"server", "create"},
            {"server", "delete"}, {"console"}, {"console", "connect"}, {"console", "sessions"}, {"console", "disconnect"},
            {"console", "log"},
        }) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Result help = new ClientRun().run(args);
            assertThat(help.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.OK);
            assertThat(help.stdout()).as(String.join(" ", args)).contains("Usage: serialgate-client", "Example", "  serialgate-client ");
        }
    }

    @Test
    void theCompletionScriptIsGenerated() {
        Result result = new ClientRun().run("generate-completion");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout()).contains("complete -F", "serialgate-client", "get-serial-console", "connect");
    }
}
