package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scenario 4: tenant B (its own API key, from the api's create-api-key) cannot see or open tenant A's server. */
@Order(3)
@ExtendWith(E2eStack.class)
class TenantIsolationIT {

    private static String server;

    @BeforeAll
    static void boot(E2eStack.Stack stack) throws Exception {
        server = SharedServer.id(stack);
    }

    @Test
    void tenantBGetsNotFoundForEverythingOfTenantA(E2eStack.Stack stack) throws Exception {
        ApiClient b = stack.tenantB;
        assertThat(b.send("GET", "/v2.1/servers", null).body().path("servers").findValuesAsText("id")).doesNotContain(server);
        assertThat(b.send("GET", "/v2.1/servers/detail", null).body().path("servers").findValuesAsText("id")).doesNotContain(server);
        expectNotFound(b.send("GET", "/v2.1/servers/" + server, null));
        expectNotFound(b.send("POST", "/v3/servers/" + server + "/get-serial-console", "{}"));
        expectNotFound(b.send("POST", "/v2/" + E2eStack.PROJECT_B + "/servers/" + server + "/get-serial-console", "{}"));
        expectNotFound(b.send("POST", "/v2.1/servers/" + server + "/action",
                "{\"os-getSerialConsole\": {\"type\": \"serial\"}}"));
        expectNotFound(b.send("POST", "/v2.1/servers/" + server + "/remote-consoles",
                "{\"remote_console\": {\"protocol\": \"serial\", \"type\": \"serial\"}}", "OpenStack-API-Version", "compute 2.6"));
        expectNotFound(b.send("GET", "/v2.1/servers/" + server + "/serial-console-sessions", null));
        expectNotFound(b.send("GET", "/v2.1/servers/" + server + "/serial-console-sessions?all=true", null));
        expectNotFound(b.send("DELETE", "/v2.1/servers/" + server, null));
        // Naming tenant A in the URL does not help a member of B (Nova answers 400 for the mismatch).
        ApiClient.Reply asA = b.send("POST", "/v2/" + E2eStack.PROJECT_A + "/servers/" + server + "/get-serial-console", "{}");
        assertThat(asA.status()).as("B naming tenant A: %s", asA.text()).isIn(400, 403, 404);
        assertThat(asA.text()).doesNotContain("token=");
        // And the server is still there for A.
        assertThat(stack.tenantA.send("GET", "/v2.1/servers/" + server, null).status()).isEqualTo(200);
    }

    private static void expectNotFound(ApiClient.Reply reply) {
        assertThat(reply.status()).as("%s", reply.text()).isEqualTo(404);
        assertThat(reply.body().path("itemNotFound").path("code").asInt()).as("%s", reply.text()).isEqualTo(404);
    }
}
