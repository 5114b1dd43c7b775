package io.serialgate.client.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.client.ExitCode;
import io.serialgate.client.support.ClientRun;
import io.serialgate.client.support.ClientRun.Result;
import io.serialgate.client.support.FakeApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleSessionsAndLogTest {

    private final ObjectMapper json = new ObjectMapper();
    private FakeApi api;
    private String demoId;
    private String sessionId;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi();
        demoId = api.addServer("demo", 2);
        sessionId = api.addSession(demoId, 1);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void sessionsPrintsATableOfTheLiveSessions() {
        Result result = ClientRun.against(api).run("console", "sessions", "demo");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout().lines().toList().get(1))
                .matches("\\| id +\\| port \\| role +\\| client_address \\| started_at +\\| ended_at \\|");
        assertThat(result.stdout()).contains(sessionId, "| 1    |", "writer");
        assertThat(api.requests().get(api.requests().size() - 1).uri()).isEqualTo("/v2.1/servers/" + demoId + "/serial-console-sessions");
    }

    @Test
    void sessionsWithAllAsksForHistoryAndPrintsJson() throws Exception {
        ClientRun.against(api).run("console", "disconnect", "demo", "--session", sessionId);

        Result live = ClientRun.against(api).run("console", "sessions", "demo", "--format", "json");
        Result all = ClientRun.against(api).run("console", "sessions", "demo", "--all", "--format", "json");

        assertThat(json.readTree(live.stdout())).isEmpty();
        JsonNode history = json.readTree(all.stdout());
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("ended_at").asText()).isNotEmpty();
        assertThat(api.requests().get(api.requests().size() - 1).uri()).endsWith("/serial-console-sessions?all=1");
    }

    @Test
    void disconnectBySessionDeletesIt() {
        Result result = ClientRun.against(api).run("console", "disconnect", "demo", "--session", sessionId);

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout().strip())
                .isEqualTo("Request to disconnect session " + sessionId + " of server demo has been accepted.");
        FakeApi.Recorded delete = api.requests().get(api.requests().size() - 1);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.uri()).isEqualTo("/v2.1/servers/" + demoId + "/serial-console-sessions/" + sessionId);
    }

    @Test
    void disconnectByPortResetsTheSerialConsole() throws Exception {
        Result result = ClientRun.against(api).run("console", "disconnect", demoId, "--port", "1", "--format", "json");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(json.readTree(result.stdout()).path("port").asInt()).isEqualTo(1);
        FakeApi.Recorded action = api.requests().get(api.requests().size() - 1);
        assertThat(action.uri()).isEqualTo("/v2.1/servers/" + demoId + "/action");
        assertThat(action.body().path("os-resetSerialConsole").path("port").asInt()).isEqualTo(1);
        assertThat(api.sessions(demoId).get(0).path("ended_at").isNull()).isFalse();
    }

    @Test
    void disconnectNeedsExactlyOneTarget() {
        Result neither = ClientRun.against(api).run("console", "disconnect", "demo");
        Result both = ClientRun.against(api).run("console", "disconnect", "demo", "--port", "0", "--session", sessionId);

        assertThat(neither.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(neither.stderr()).contains("--session", "--port");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.stderr()).contains("mutually exclusive");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void disconnectOfAnUnknownSessionIsNotFound() {
        Result result = ClientRun.against(api).run("console", "disconnect", "demo", "--session", "nope");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.stderr().strip()).isEqualTo("serialgate-client: Console session nope could not be found. (HTTP 404)");
    }

    @Test
    void logPrintsTheLastLines() {
        api.consoleLog("boot\nlogin: \nroot\n# uname\nLinux\n");

        Result result = ClientRun.against(api).run("console", "log", "demo", "--lines", "2");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout()).isEqualTo("# uname\nLinux\n");
        FakeApi.Recorded action = api.requests().get(api.requests().size() - 1);
        assertThat(action.body().path("os-getConsoleOutput").path("length").asInt()).isEqualTo(2);
    }

    @Test
    void logPrintsEverythingAsJsonOnDemand() throws Exception {
        api.consoleLog("boot\nlogin: ");

        Result result = ClientRun.against(api).run("console", "log", "demo", "--format", "json");

        assertThat(json.readTree(result.stdout()).path("output").asText()).isEqualTo("boot\nlogin: ");
        assertThat(api.requests().get(api.requests().size() - 1).body().path("os-getConsoleOutput").path("length").isNull()).isTrue();
    }

    @Test
    void logRejectsBadInputAndReportsAnApiWithoutIt() {
        Result zero = ClientRun.against(api).run("console", "log", "demo", "--lines", "0");
        api.failNext(501, "HTTPNotImplemented", "The compute driver of this server keeps no console log.");
        Result unsupported = ClientRun.against(api).run("console", "log", demoId);

        assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unsupported.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(unsupported.stderr()).contains("keeps no console log. (HTTP 501)");
    }

    @Test
    void logOfAServerThatIsNotActiveIsAConflict() {
        api.failNext(409, "conflictingRequest", "Instance " + demoId + " in vm_state building (status BUILD)."
                + " Cannot get_console_output while the instance is in this state.");

        Result result = ClientRun.against(api).run("console", "log", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(result.stderr()).contains("Cannot get_console_output", "(HTTP 409)");
    }
}
