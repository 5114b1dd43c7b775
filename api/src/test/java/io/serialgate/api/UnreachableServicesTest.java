package io.serialgate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.ApiCalls.Reply;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** compute and consoleauth down (nothing listens at their URLs): 503 or ERROR, never a 500. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UnreachableServicesTest {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final DropwizardAppExtension<ApiConfiguration> APP =
            TestApi.app(DB, TestApi.deadUrl(), TestApi.deadUrl());
    private static final String ADMIN = TestApi.ADMIN_KEY;

    @Test
    void bootWithComputeDownLeavesTheServerInError() {
        ApiCalls api = new ApiCalls(APP.getLocalPort());
        Reply created = api.post("/v2.1/servers", ADMIN, "{\"server\": {\"name\": \"nowhere\"}}");
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().at("/server/id").asText();
        Reply shown = api.get("/v2.1/servers/" + id, ADMIN);
        assertThat(shown.json().at("/server/status").asText()).isEqualTo("ERROR");
        assertThat(shown.json().at("/server/fault/message").asText()).isEqualTo("The compute service is unavailable at this time.");
        // Whether the spawn reached the compute host before it failed only that host can tell:
        // the delete waits for it (503) and keeps the server, so nothing it may hold leaks.
        Reply deleted = api.delete("/v2.1/servers/" + id, ADMIN);
        assertThat(deleted.status()).isEqualTo(503);
        assertThat(deleted.fault("serviceUnavailable")).contains("unavailable at this time").doesNotContain("127.0.0.1");
        assertThat(api.get("/v2.1/servers/" + id, ADMIN).json().at("/server/status").asText()).isEqualTo("ERROR");
    }

    @Test
    void consoleAndDeleteOfARunningServerAre503() throws Exception {
        ApiCalls api = new ApiCalls(APP.getLocalPort());
        UUID id = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(DB);
             PreparedStatement insert = c.prepareStatement("INSERT INTO api.servers"
                     + " (id, project_id, name, status, host, serial_port_count) VALUES (?, 'admin', 'running', 'ACTIVE', 'gone-host', 1)")) {
            insert.setObject(1, id);
            insert.executeUpdate();
        }
        for (Reply reply : new Reply[] {
                api.post("/v3/servers/" + id + "/get-serial-console", ADMIN, null),
                api.post("/v2/admin/servers/" + id + "/get-serial-console", ADMIN, null),
                api.delete("/v2.1/servers/" + id, ADMIN)}) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
            assertThat(reply.fault("serviceUnavailable")).contains("unavailable at this time").doesNotContain("127.0.0.1");
        }
        assertThat(api.get("/v2.1/servers/" + id, ADMIN).status()).isEqualTo(200);
    }
}
