package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nova's power actions (os-start, os-stop, reboot) carried out by the compute host over real HTTP,
 * the SHUTOFF status they leave, and a guest stopped behind the api's back found out by the next
 * console request.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServerPowerTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    // The scheduled power-state sync is off here: each test runs it when it means to (admin task).
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url(),
            ConfigOverride.config("api.power_state_sync_seconds", "0"));

    private static ApiCalls api;
    private static String keyA;
    private static String keyB;

    @BeforeAll
    static void keys() {
        api = new ApiCalls(APP.getLocalPort());
        keyA = TestApi.memberKey(DB, "project-a");
        keyB = TestApi.memberKey(DB, "project-b");
    }

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    private static String server(String name) {
        return api.post("/v2.1/servers", keyA, "{\"server\": {\"name\": \"" + name + "\"}}").json().at("/server/id").asText();
    }

    private static Reply act(String id, String body) {
        return api.post("/v2.1/servers/" + id + "/action", keyA, body);
    }

    private static Reply consoleUrl(String id) {
        return act(id, "{\"os-getSerialConsole\": {\"type\": \"serial\"}}");
    }

    private static String status(String id) {
        return api.get("/v2.1/servers/" + id, keyA).json().at("/server/status").asText();
    }

    @Test
    void stopMakesTheServerShutoffWithNoConsoleAndStartBringsItBack() {
        String id = server("power-1");
        Reply stopped = act(id, "{\"os-stop\": null}");
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(202);
        assertThat(COMPUTE.actionsAsked).contains(id + " stop");

        Reply shown = api.get("/v2.1/servers/" + id, keyA);
        assertThat(shown.json().at("/server/status").asText()).isEqualTo("SHUTOFF");
        assertThat(shown.json().at("/server/OS-EXT-STS:vm_state").asText()).isEqualTo("stopped");
        assertThat(shown.json().at("/server/OS-EXT-STS:power_state").asInt()).isEqualTo(4);

        Reply refused = consoleUrl(id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.fault("conflictingRequest")).contains("vm_state stopped").contains("os-start");

        assertThat(act(id, "{\"os-start\": {}}").status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("ACTIVE");
        assertThat(api.get("/v2.1/servers/" + id, keyA).json().at("/server/OS-EXT-STS:power_state").asInt()).isEqualTo(1);
        assertThat(consoleUrl(id).status()).isEqualTo(200);
    }

    @Test
    void rebootKeepsARunningServerActiveAndAHardRebootStartsAStoppedOne() {
        String id = server("power-2");
        assertThat(act(id, "{\"reboot\": {\"type\": \"SOFT\"}}").status()).isEqualTo(202);
        assertThat(act(id, "{\"reboot\": {\"type\": \"hard\"}}").status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("ACTIVE");

        act(id, "{\"os-stop\": null}");
        Reply soft = act(id, "{\"reboot\": {\"type\": \"Soft\"}}");
        assertThat(soft.status()).isEqualTo(409);
        assertThat(soft.fault("conflictingRequest")).isEqualTo("Cannot 'reboot' instance " + id
                + " while it is in vm_state stopped (status SHUTOFF).");
        assertThat(act(id, "{\"reboot\": {\"type\": \"HARD\"}}").status()).isEqualTo(202);
        assertThat(status(id)).isEqualTo("ACTIVE");
    }

    @Test
    void anActionTheStateForbidsIs409AndChangesNothing() {
        String id = server("power-3");
        Reply start = act(id, "{\"os-start\": null}");
        assertThat(start.status()).isEqualTo(409);
        assertThat(start.fault("conflictingRequest")).isEqualTo("Cannot 'start' instance " + id
                + " while it is in vm_state active (status ACTIVE).");
        act(id, "{\"os-stop\": null}");
        Reply stopAgain = act(id, "{\"os-stop\": null}");
        assertThat(stopAgain.status()).isEqualTo(409);
        assertThat(stopAgain.fault("conflictingRequest")).contains("Cannot 'stop'").contains("vm_state stopped");
        assertThat(status(id)).isEqualTo("SHUTOFF");

        for (String status : List.of("ERROR", "DELETING", "MIGRATING", "BUILD")) {
            setStatus(id, status);
            int asked = COMPUTE.actionsAsked.size();
            Reply refused = act(id, "{\"reboot\": {\"type\": \"HARD\"}}");
            assertThat(refused.status()).as(status).isEqualTo(409);
            assertThat(refused.fault("conflictingRequest")).contains("status " + status);
            assertThat(COMPUTE.actionsAsked).as("not asked of the host").hasSize(asked);
        }
    }

    @Test
    void aGuestStoppedBehindTheApisBackIsFoundByTheNextConsoleRequest() {
        String id = server("power-4");
        COMPUTE.setState(id, StandInCompute.SHUTOFF); // a host reboot, or virsh destroy

        Reply refused = consoleUrl(id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.fault("conflictingRequest")).contains("vm_state stopped").contains("os-start");
        assertThat(status(id)).isEqualTo("SHUTOFF");

        assertThat(act(id, "{\"os-start\": null}").status()).isEqualTo(202);
        assertThat(consoleUrl(id).status()).isEqualTo(200);
    }

    @Test
    void aStartTheApiRecordAllowsButTheHostRefusesTakesTheHostsState() {
        String id = server("power-5");
        COMPUTE.setState(id, StandInCompute.SHUTOFF);
        // The api still says ACTIVE, so os-stop goes to the host, which says the guest is stopped.
        Reply stop = act(id, "{\"os-stop\": null}");
        assertThat(stop.status()).isEqualTo(409);
        assertThat(stop.fault("conflictingRequest")).contains("vm_state stopped");
        assertThat(status(id)).isEqualTo("SHUTOFF");

        // Started behind the api's back (virsh start): os-start is refused and ACTIVE recorded.
        COMPUTE.setState(id, StandInCompute.RUNNING);
        Reply start = act(id, "{\"os-start\": null}");
        assertThat(start.status()).isEqualTo(409);
        assertThat(start.fault("conflictingRequest")).contains("vm_state active");
        assertThat(status(id)).isEqualTo("ACTIVE");
    }

    @Test
    void badArgumentsAre400AndAskNothingOfTheHost() {
        String id = server("power-6");
        int asked = COMPUTE.actionsAsked.size();
        for (String body : List.of("{\"os-start\": 1}", "{\"os-stop\": {\"force\": true}}", "{\"os-stop\": \"now\"}",
                "{\"reboot\": null}", "{\"reboot\": {}}", "{\"reboot\": {\"type\": \"WARM\"}}",
                "{\"reboot\": {\"type\": 1}}", "{\"reboot\": {\"type\": \"HARD\", \"force\": 1}}",
                "{\"reboot\": []}")) {
            Reply reply = act(id, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.fault("badRequest")).as(body).isNotBlank();
        }
        assertThat(act(id, "{\"reboot\": {}}").fault("badRequest")).contains("'type' is a required property");
        assertThat(act(id, "{\"reboot\": {\"type\": \"WARM\"}}").fault("badRequest")).contains("HARD, SOFT");
        assertThat(COMPUTE.actionsAsked).hasSize(asked);
        assertThat(status(id)).isEqualTo("ACTIVE");
    }

    @Test
    void anotherProjectsServerIs404AndAnUnreachableHostIs503() {
        String id = server("power-7");
        Reply foreign = api.post("/v2.1/servers/" + id + "/action", keyB, "{\"os-stop\": null}");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.fault("itemNotFound")).contains(id);
        assertThat(act("00000000-0000-0000-0000-000000000000", "{\"os-stop\": null}").status()).isEqualTo(404);

        COMPUTE.failWith(503);
        try {
            assertThat(act(id, "{\"os-stop\": null}").status()).isEqualTo(503);
        } finally {
            COMPUTE.failWith(0);
        }
        assertThat(status(id)).isEqualTo("ACTIVE");
    }

    @Test
    void aServerTheHostNoLongerHasIs409WithWhatToDo() {
        String id = server("power-8");
        COMPUTE.instances.remove(id);
        Reply reply = act(id, "{\"os-stop\": null}");
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.fault("conflictingRequest")).contains("not on its compute host").contains("delete it");
    }

    @Test
    void aHostWhoseDriverHasNoPowerActionsIs501WithItsReason() {
        String id = server("power-10");
        COMPUTE.actionsNotImplemented = true;
        try {
            Reply reply = act(id, "{\"os-stop\": null}");
            assertThat(reply.status()).isEqualTo(501);
            assertThat(reply.fault("notImplemented")).contains("external driver cannot stop");
        } finally {
            COMPUTE.actionsNotImplemented = false;
        }
        assertThat(status(id)).isEqualTo("ACTIVE");
    }

    @Test
    void aStoppedServersConsoleOutputIsStillReadable() {
        String id = server("power-9");
        COMPUTE.print(id, "kernel panic", "halted");
        act(id, "{\"os-stop\": null}");
        Reply output = act(id, "{\"os-getConsoleOutput\": {\"length\": 1}}");
        assertThat(output.status()).isEqualTo(200);
        assertThat(output.json().get("output").asText()).isEqualTo("halted\n");
    }

    @Test
    void theSyncRecordsGuestsThatStoppedOrStartedBehindTheApisBackAndLeavesOtherStatusesAlone() throws Exception {
        String stoppedBehind = server("sync-1");
        String startedBehind = server("sync-2");
        String broken = server("sync-3");
        act(startedBehind, "{\"os-stop\": null}");
        COMPUTE.setState(stoppedBehind, StandInCompute.SHUTOFF);
        COMPUTE.setState(startedBehind, StandInCompute.RUNNING);
        setStatus(broken, "ERROR");

        String report = syncTask();
        assertThat(report).matches("checked=\\d+ changed=\\d+ hosts_unreachable=0\\s*");
        assertThat(status(stoppedBehind)).isEqualTo("SHUTOFF");
        assertThat(status(startedBehind)).isEqualTo("ACTIVE");
        assertThat(status(broken)).isEqualTo("ERROR");
        assertThat(syncTask()).as("nothing left to change").contains(" changed=0 ");
    }

    @Test
    void aSyncThatCannotReachTheHostChangesNothing() throws Exception {
        String id = server("sync-4");
        COMPUTE.setState(id, StandInCompute.SHUTOFF);
        COMPUTE.failWith(503);
        try {
            assertThat(syncTask()).contains("hosts_unreachable=1");
        } finally {
            COMPUTE.failWith(0);
        }
        assertThat(status(id)).isEqualTo("ACTIVE");
        COMPUTE.setState(id, StandInCompute.RUNNING);
    }

    private static String syncTask() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/admin/tasks/sync-power-states"))
                .header("Authorization", "Bearer " + TestApi.SECRET)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static void setStatus(String id, String status) {
        Jdbi.create(DB).useHandle(h -> h.execute("UPDATE api.servers SET status = ? WHERE id = ?::uuid", status, id));
    }
}
