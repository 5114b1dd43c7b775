package io.serialgate.client.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serialgate.client.ExitCode;
import io.serialgate.client.support.ClientRun;
import io.serialgate.client.support.ClientRun.Result;
import io.serialgate.client.support.FakeApi;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetSerialConsoleCommandTest {

    private FakeApi api;
    private String demoId;

    @BeforeEach
    void start() throws Exception {
        api = new FakeApi();
        demoId = api.addServer("demo", 2);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void printsTheConsoleUrlAsATableByDefault() {
        Result result = ClientRun.against(api).run("get-serial-console", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        String url = "http://127.0.0.1:6083/serial.html?token=" + FakeApi.tokenFor(demoId, 0);
        assertThat(result.stdout()).contains("| Type   | Url ", "| serial | " + url + " |");
        assertThat(result.stdout().lines().filter(l -> l.startsWith("+-")).count()).isEqualTo(3);
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void printsJsonOnDemandAndSendsThePort() throws Exception {
        Result result = ClientRun.against(api).run("get-serial-console", demoId, "serial", "--port", "1", "--format", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(result.stdout());
        assertThat(json.path("serial_console").path("type").asText()).isEqualTo("serial");
        assertThat(json.path("serial_console").path("url").asText()).endsWith("?token=" + FakeApi.tokenFor(demoId, 1));
        FakeApi.Recorded post = api.requests().get(api.requests().size() - 1);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.uri()).isEqualTo("/v3/servers/" + demoId + "/get-serial-console");
        assertThat(post.body().path("type").asText()).isEqualTo("serial");
        assertThat(post.body().path("port").asInt()).isEqualTo(1);
        assertThat(post.token()).isEqualTo(FakeApi.TOKEN);
    }

    @Test
    void acceptsTheTypeAsAnOptionAndGlobalOptionsBeforeOrAfterTheCommand() {
        Result before = new ClientRun().run("--api-url", api.url() + "/v2.1", "--token", FakeApi.TOKEN, "--format", "json",
                "get-serial-console", "demo", "--type", "serial");
        Result after = new ClientRun().run("get-serial-console", "demo", "--type=serial",
                "--api-url", api.url(), "--token", FakeApi.TOKEN, "--format", "JSON");

        assertThat(before.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(before.stdout()).startsWith("{").contains("\"serial_console\"");
        assertThat(after.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(after.stdout()).startsWith("{").contains("\"serial_console\"");
    }

    @Test
    void optionsWinOverTheEnvironment() {
        Result result = ClientRun.against(api).env("SERIALGATE_TOKEN", "wrong")
                .run("get-serial-console", "demo", "--token", FakeApi.TOKEN);

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void anotherConsoleTypeIsAUsageError() {
        Result result = ClientRun.against(api).run("get-serial-console", "demo", "novnc");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr().strip())
                .isEqualTo("serialgate-client: unsupported console type 'novnc': serialgate serves only 'serial' consoles");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void twoDifferentTypesAreAUsageError() {
        Result result = ClientRun.against(api).run("get-serial-console", "demo", "serial", "--type", "spice-html5");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr()).contains("console type given twice");
    }

    @Test
    void aNegativePortIsAUsageError() {
        Result result = ClientRun.against(api).run("get-serial-console", "demo", "--port", "-1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr()).contains("--port must be 0 or more");
    }

    @Test
    void aPortThatIsNotANumberIsAUsageErrorOnOneLine() {
        Result result = ClientRun.against(api).run("get-serial-console", "demo", "--port", "one");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr().lines().count()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("serialgate-client: Invalid value for option '--port'")
                .contains("see 'serialgate-client get-serial-console --help'");
    }

    @Test
    void aMissingServerArgumentIsAUsageError() {
        Result result = ClientRun.against(api).run("get-serial-console");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr()).contains("Missing required parameter: 'SERVER'");
        assertThat(result.stderr().lines().count()).isEqualTo(1);
    }

    @Test
    void aBadRequestFromTheApiIsAUsageErrorWithItsMessage() {
        Result result = ClientRun.against(api).run("get-serial-console", "demo", "--port", "5");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.stderr().strip())
                .isEqualTo("serialgate-client: Serial port 5 does not exist: the server has 2. (HTTP 400)");
    }

    @Test
    void anUnknownServerIsNotFound() {
        Result byName = ClientRun.against(api).run("get-serial-console", "nope");
        Result byId = ClientRun.against(api).run("get-serial-console", "0b6c7a4e-1111-4222-8333-944445555666");

        assertThat(byName.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(byName.stderr().strip()).isEqualTo("serialgate-client: No server with a name or ID of 'nope' exists.");
        assertThat(byId.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void anAmbiguousNameIsAConflictListingTheIds() {
        String twin = api.addServer("demo", 1);

        Result result = ClientRun.against(api).run("get-serial-console", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(result.stderr().strip()).startsWith("serialgate-client: multiple servers named demo: ")
                .contains(demoId, twin);
    }

    @Test
    void aServerWhoseNameLooksLikeAnIdIsFoundByName() {
        String uuidName = "0b6c7a4e-1111-4222-8333-944445555666";
        String id = api.addServer(uuidName, 1);

        Result result = ClientRun.against(api).run("get-serial-console", uuidName);

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.stdout()).contains(FakeApi.tokenFor(id, 0));
    }

    @Test
    void aRefusedTokenIsAnAuthError() {
        Result result = ClientRun.against(api).env("SERIALGATE_TOKEN", "stolen").run("get-serial-console", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.stderr().strip())
                .isEqualTo("serialgate-client: The request you have made requires authentication. (HTTP 401)");
        assertThat(result.stderr()).doesNotContain("stolen");
    }

    @Test
    void aForbiddenAnswerIsAnAuthError() {
        api.failNext(403, "forbidden", "Policy doesn't allow os_compute_api:os-remote-consoles to be performed.");

        Result result = ClientRun.against(api).run("get-serial-console", demoId);

        assertThat(result.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(result.stderr()).contains("Policy doesn't allow", "(HTTP 403)");
    }

    @Test
    void missingSettingsAreUsageErrors() {
        Result noUrl = new ClientRun().env("SERIALGATE_TOKEN", FakeApi.TOKEN).run("get-serial-console", "demo");
        Result noToken = new ClientRun().env("SERIALGATE_API_URL", api.url()).run("get-serial-console", "demo");
        Result badUrl = new ClientRun().run("--api-url", "ftp://x", "--token", "t", "get-serial-console", "demo");

        assertThat(noUrl.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noUrl.stderr().strip()).isEqualTo("serialgate-client: no api URL: pass --api-url or set SERIALGATE_API_URL");
        assertThat(noToken.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noToken.stderr()).contains("no API key: pass --token or set SERIALGATE_TOKEN");
        assertThat(badUrl.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badUrl.stderr()).contains("--api-url must be an absolute http:// or https:// URL");
    }

    @Test
    void theOpenStackVariablesAreAccepted() {
        Result result = new ClientRun().env("OS_ENDPOINT", api.url() + "/v2.1").env("OS_TOKEN", FakeApi.TOKEN)
                .run("get-serial-console", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aServerErrorOfTheApiIsExitCodeSix() {
        api.failNext(500, "computeFault", "Unexpected API Error.");

        Result result = ClientRun.against(api).run("get-serial-console", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(result.stderr().strip()).isEqualTo("serialgate-client: Unexpected API Error. (HTTP 500)");
    }

    @Test
    void anUnavailableComputeIsAServerError() {
        api.failNext(503, "serviceUnavailable", "compute host is unreachable");

        Result result = ClientRun.against(api).run("get-serial-console", demoId);

        assertThat(result.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
        assertThat(result.stderr()).contains("compute host is unreachable (HTTP 503)");
    }

    @Test
    void anUnreachableApiIsANetworkErrorWithoutStackTrace() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Result result = ClientRun.against(api).env("SERIALGATE_API_URL", "http://127.0.0.1:" + closedPort)
                .run("get-serial-console", "demo");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NETWORK);
        assertThat(result.stderr().strip())
                .isEqualTo("serialgate-client: cannot reach the api at http://127.0.0.1:" + closedPort + ": connection refused");
    }

    @Test
    void debugLogsRequestsAndStackTracesButNeverTheToken() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Result ok = ClientRun.against(api).run("--debug", "get-serial-console", "demo");
        Result failed = ClientRun.against(api).env("SERIALGATE_API_URL", "http://127.0.0.1:" + closedPort)
                .run("get-serial-console", "demo", "--debug");

        assertThat(ok.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(ok.stderr()).contains("debug: GET " + api.url() + "/v2.1/servers?name=demo -> 200",
                "debug: POST " + api.url() + "/v3/servers/" + demoId + "/get-serial-console -> 202");
        assertThat(ok.stderr()).doesNotContain(FakeApi.TOKEN);
        assertThat(failed.exitCode()).isEqualTo(ExitCode.NETWORK);
        assertThat(failed.stderr()).contains("io.serialgate.client.ClientFailure", "at ");
    }
}
