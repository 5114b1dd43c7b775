package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.contract.ComputeConsoleLogContract;
import io.serialgate.common.testing.TestPostgres;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nova's os-getConsoleOutput server action, served from the compute host's console log over real HTTP. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConsoleOutputTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url());

    private static ApiCalls api;
    private static String keyA;
    private static String keyB;
    private static String id;

    @BeforeAll
    static void server() {
        api = new ApiCalls(APP.getLocalPort());
        keyA = TestApi.memberKey(DB, "project-a");
        keyB = TestApi.memberKey(DB, "project-b");
        id = api.post("/v2.1/servers", keyA, "{\"server\": {\"name\": \"log-1\"}}").json().at("/server/id").asText();
        COMPUTE.print(id, "boot 1", "boot 2", "boot 3", "login: ");
    }

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    private static Reply action(String key, String arguments) {
        return api.post("/v2.1/servers/" + id + "/action", key, "{\"os-getConsoleOutput\": " + arguments + "}");
    }

    private static int lastLinesAsked() {
        return COMPUTE.logLinesAsked.get(COMPUTE.logLinesAsked.size() - 1);
    }

    @Test
    void aLengthReturnsThatManyLastLines() {
        Reply reply = action(keyA, "{\"length\": 2}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("output").asText()).isEqualTo("boot 3\nlogin: \n");
        assertThat(lastLinesAsked()).isEqualTo(2);
        // Nova's schema also takes the length as a string of digits.
        assertThat(action(keyA, "{\"length\": \"3\"}").json().get("output").asText()).isEqualTo("boot 2\nboot 3\nlogin: \n");
        assertThat(api.post("/v2/project-a/servers/" + id + "/action", keyA,
                "{\"os-getConsoleOutput\": {\"length\": 1}}").json().get("output").asText()).isEqualTo("login: \n");
    }

    @Test
    void noLengthNullOrMinusOneIsTheWholeLogUpToTheCap() {
        for (String arguments : List.of("{}", "{\"length\": null}", "{\"length\": -1}", "{\"length\": \"-1\"}")) {
            Reply reply = action(keyA, arguments);
            assertThat(reply.status()).as(arguments).isEqualTo(200);
            assertThat(reply.json().get("output").asText()).isEqualTo("boot 1\nboot 2\nboot 3\nlogin: \n");
            assertThat(lastLinesAsked()).isEqualTo(ComputeConsoleLogContract.MAX_LINES);
        }
        assertThat(action(keyA, "{\"length\": 1000000}").status()).isEqualTo(200);
        assertThat(lastLinesAsked()).isEqualTo(ComputeConsoleLogContract.MAX_LINES);
    }

    @Test
    void lengthZeroIsEmptyAsInNova() {
        int asked = COMPUTE.logLinesAsked.size();
        Reply reply = action(keyA, "{\"length\": 0}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("output").asText()).isEmpty();
        assertThat(COMPUTE.logLinesAsked).hasSize(asked);
    }

    @Test
    void badArgumentsAre400() {
        for (String arguments : List.of("{\"length\": -2}", "{\"length\": \"ten\"}", "{\"length\": 1.5}",
                "{\"length\": true}", "{\"length\": [1]}", "{\"length\": 99999999999}", "{\"lines\": 5}",
                "null", "5", "\"all\"")) {
            Reply reply = action(keyA, arguments);
            assertThat(reply.status()).as(arguments).isEqualTo(400);
            assertThat(reply.fault("badRequest")).as(arguments).isNotBlank();
        }
        assertThat(action(keyA, "{\"length\": -2}").fault("badRequest")).contains("length");
        assertThat(action(keyA, "{\"lines\": 5}").fault("badRequest")).contains("lines");
    }

    @Test
    void anotherProjectsOrAnUnknownServerIs404() {
        assertThat(action(keyB, "{}").status()).isEqualTo(404);
        assertThat(api.post("/v2.1/servers/00000000-0000-0000-0000-000000000000/action", keyA,
                "{\"os-getConsoleOutput\": {}}").status()).isEqualTo(404);
        assertThat(action(null, "{}").status()).isEqualTo(401);
    }

    @Test
    void aServerThatIsNotActiveIs409() {
        try {
            setStatus("MIGRATING");
            Reply reply = action(keyA, "{}");
            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.fault("conflictingRequest")).contains("get_console_output");
        } finally {
            setStatus("ACTIVE");
        }
    }

    @Test
    void aDriverWithoutConsoleLogIs501() {
        COMPUTE.consoleLogNotImplemented = true;
        try {
            Reply reply = action(keyA, "{}");
            assertThat(reply.status()).isEqualTo(501);
            assertThat(reply.fault("notImplemented")).isEqualTo("Unable to get console log, functionality not implemented.");
        } finally {
            COMPUTE.consoleLogNotImplemented = false;
        }
    }

    @Test
    void aServerTheComputeHostLostIs404ConsoleNotAvailable() {
        var instance = COMPUTE.instances.remove(id);
        try {
            Reply reply = action(keyA, "{}");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.fault("itemNotFound")).isEqualTo("Guest does not have a console available.");
        } finally {
            COMPUTE.instances.put(id, instance);
        }
    }

    @Test
    void anUnreachableComputeHostIs503() {
        COMPUTE.failWith(503);
        try {
            assertThat(action(keyA, "{}").status()).isEqualTo(503);
        } finally {
            COMPUTE.failWith(0);
        }
    }

    private static void setStatus(String status) {
        Jdbi.create(DB).useHandle(h -> h.execute("UPDATE api.servers SET status = ? WHERE id = ?::uuid", status, id));
    }
}
