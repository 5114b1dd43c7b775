package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real OpenStack command-line tools (Debian python3-novaclient and python3-openstackclient)
 * against a running api, without Keystone: they must find the server by name and print its URL.
 * Skipped, saying so, where the tools are not installed.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenStackClientsTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url());
    private static final String BASE_URL = "http://127.0.0.1:6083/serial.html?token=";

    private static String key;
    private static String endpoint;

    @BeforeAll
    static void server() {
        key = TestApi.memberKey(DB, "project-cli");
        endpoint = "http://127.0.0.1:" + APP.getLocalPort() + "/v2.1";
        ApiCalls api = new ApiCalls(APP.getLocalPort());
        Reply created = api.post("/v2.1/servers", key, "{\"server\": {\"name\": \"cli-vm\"}}");
        assertThat(created.status()).isEqualTo(202);
        COMPUTE.print(created.json().at("/server/id").asText(), "booting cli-vm", "cli-vm login: ");
    }

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    @Test
    void novaGetSerialConsole() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nova")), "nova not installed (apt-get install python3-novaclient)");
        Result result = run(List.of("nova", "--os-auth-type", "admin_token", "--os-endpoint", endpoint,
                "--os-token", key, "get-serial-console", "cli-vm"));
        assertThat(result.exit()).as(result.output()).isEqualTo(0);
        assertThat(result.output()).contains("serial").contains(BASE_URL);
    }

    @Test
    void openstackConsoleUrlShowSerial() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openstack")), "openstack not installed (apt-get install python3-openstackclient)");
        Result result = run(List.of("openstack", "--os-auth-type", "admin_token", "--os-endpoint", endpoint,
                "--os-token", key, "console", "url", "show", "--serial", "cli-vm"));
        assertThat(result.exit()).as(result.output()).isEqualTo(0);
        assertThat(result.output()).contains(BASE_URL);
    }

    @Test
    void consoleLogShowAndNovaConsoleLogPrintTheConsoleOutput() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openstack")), "openstack not installed (apt-get install python3-openstackclient)");
        Result openstack = run(List.of("openstack", "--os-auth-type", "admin_token", "--os-endpoint", endpoint,
                "--os-token", key, "console", "log", "show", "--lines", "1", "cli-vm"));
        assertThat(openstack.exit()).as(openstack.output()).isEqualTo(0);
        assertThat(openstack.output()).contains("cli-vm login: ").doesNotContain("booting");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nova")), "nova not installed (apt-get install python3-novaclient)");
        Result nova = run(List.of("nova", "--os-auth-type", "admin_token", "--os-endpoint", endpoint,
                "--os-token", key, "console-log", "cli-vm"));
        assertThat(nova.exit()).as(nova.output()).isEqualTo(0);
        assertThat(nova.output()).contains("booting cli-vm").contains("cli-vm login: ");
    }

    @Test
    void serverListAndShowReadNovasFields() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openstack")), "openstack not installed (apt-get install python3-openstackclient)");
        Result list = run(List.of("openstack", "--os-auth-type", "admin_token", "--os-endpoint", endpoint,
                "--os-token", key, "server", "list", "-f", "value", "-c", "Name", "-c", "Status"));
        assertThat(list.exit()).as(list.output()).isEqualTo(0);
        assertThat(list.output()).contains("cli-vm ACTIVE");
        Result show = run(List.of("openstack", "--os-auth-type", "admin_token", "--os-endpoint", endpoint,
                "--os-token", key, "server", "show", "cli-vm", "-f", "value", "-c", "status"));
        assertThat(show.exit()).as(show.output()).isEqualTo(0);
        assertThat(show.output().strip()).isEqualTo("ACTIVE");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nova")), "nova not installed (apt-get install python3-novaclient)");
        Result novaList = run(List.of("nova", "--os-auth-type", "admin_token", "--os-endpoint", endpoint,
                "--os-token", key, "list"));
        assertThat(novaList.exit()).as(novaList.output()).isEqualTo(0);
        assertThat(novaList.output()).contains("cli-vm").contains("ACTIVE");
    }

    @Test
    void openstackAndNovaStopStartAndRebootAServer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openstack")), "openstack not installed (apt-get install python3-openstackclient)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nova")), "nova not installed (apt-get install python3-novaclient)");
        new ApiCalls(APP.getLocalPort()).post("/v2.1/servers", key, "{\"server\": {\"name\": \"cli-power\"}}");
        List<String> openstack = List.of("openstack", "--os-auth-type", "admin_token", "--os-endpoint", endpoint,
                "--os-token", key);
        List<String> nova = List.of("nova", "--os-auth-type", "admin_token", "--os-endpoint", endpoint, "--os-token", key);

        Result stop = run(concat(openstack, "server", "stop", "cli-power"));
        assertThat(stop.exit()).as(stop.output()).isEqualTo(0);
        assertThat(run(concat(openstack, "server", "show", "cli-power", "-f", "value", "-c", "status")).output().strip())
                .isEqualTo("SHUTOFF");
        Result noConsole = run(concat(nova, "get-serial-console", "cli-power"));
        assertThat(noConsole.exit()).isNotEqualTo(0);
        assertThat(noConsole.output()).contains("vm_state stopped").doesNotContain("Traceback");

        Result start = run(concat(nova, "start", "cli-power"));
        assertThat(start.exit()).as(start.output()).isEqualTo(0);
        Result soft = run(concat(nova, "reboot", "cli-power"));
        assertThat(soft.exit()).as(soft.output()).isEqualTo(0);
        Result hard = run(concat(openstack, "server", "reboot", "--hard", "cli-power"));
        assertThat(hard.exit()).as(hard.output()).isEqualTo(0);
        assertThat(run(concat(nova, "show", "cli-power")).output()).contains("ACTIVE");

        Result startAgain = run(concat(nova, "start", "cli-power"));
        assertThat(startAgain.exit()).isNotEqualTo(0);
        assertThat(startAgain.output()).contains("Cannot 'start' instance").doesNotContain("Traceback");
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void novaPrintsTheFaultMessageOfAnUnknownServer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nova")), "nova not installed (apt-get install python3-novaclient)");
        Result result = run(List.of("nova", "--os-auth-type", "admin_token", "--os-endpoint", endpoint,
                "--os-token", key, "get-serial-console", "no-such-vm"));
        assertThat(result.exit()).isNotEqualTo(0);
        assertThat(result.output()).contains("no-such-vm").doesNotContain("Traceback");
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OS_"));
        if (command.get(0).equals("nova")) {
            // Required by novaclient's argument checks; never contacted with admin_token.
            // (openstack refuses a project id with admin_token, so it gets neither.)
            env.put("OS_PROJECT_ID", "project-cli");
            env.put("OS_AUTH_URL", "http://127.0.0.1:9/never-contacted");
        }
        env.put("HOME", Files.createTempDirectory("osc-home").toString());
        // Output to a file, so a chatty tool can never block on a full pipe.
        Path output = Files.createTempFile("osc-output", ".txt");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command.get(0));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
