package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5 (faults, continued): PostgreSQL restarted under load. The machine's shared
 * PostgreSQL cannot be restarted under other people's tests, so this class runs a deployment of
 * its own on a private PostgreSQL (embedded, fixed port and data directory, so a restart is the
 * same server coming back). While console URLs are requested in a loop the database goes down for
 * a few seconds; afterwards every service is healthy again without a restart of its own (same
 * pids), a token issued before the restart still opens its console, new tokens work, and the port
 * allocations are the same as before.
 */
@Order(8)
class DatabaseRestartIT {

    @Test
    void servicesRideOutAPostgresRestart() throws Exception {
        Prerequisites.require("the end-to-end suite", Prerequisites.missingForStack());
        Path runDir = E2eStack.artifacts().resolve("run-pg-restart");
        if (Files.exists(runDir)) { // an earlier run's database would be reused, not created
            try (var old = Files.walk(runDir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path data = runDir.resolve("pgdata");
        Files.createDirectories(data);
        int pgPort = StagedDeployment.freePort();
        EmbeddedPostgres postgres = startPostgres(data, pgPort);
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres";
        StagedDeployment deployment = new StagedDeployment(Prerequisites.repo(), runDir, jdbcUrl);
        List<String> servers = new ArrayList<>();
        try {
            deployment.up();
            ApiClient tenant = new ApiClient(deployment.apiUrl(), deployment.createApiKey("tenant-pg", "member"));
            String server = tenant.bootServer("e2e-pg", 2);
            servers.add(server);
            Map<String, Integer> allocationsBefore = allocations(jdbcUrl);
            String issuedBefore = tenant.consoleUrlV3(server, 1);
            Map<String, Long> pids = new TreeMap<>();
            for (String service : Prerequisites.SERVICES) {
                pids.put(service, deployment.pid(service));
            }

            // Load: console URLs requested back to back (api -> compute-driver -> consoleauth, all on the database).
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            Thread load = new Thread(() -> {
                while (running.get()) {
                    try {
                        ApiClient.Reply reply = tenant.send("POST", "/v3/servers/" + server + "/get-serial-console", "{}");
                        (reply.status() == 202 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }, "e2e-load");
            load.start();
            Thread.sleep(2000);
            long down = System.nanoTime();
            postgres.close();
            Thread.sleep(5000);
            postgres = startPostgres(data, pgPort);
            System.out.printf("e2e: PostgreSQL down for %.1f s under load%n", (System.nanoTime() - down) / 1e9);

            long back = System.nanoTime();
            long deadline = back + TimeUnit.SECONDS.toNanos(60);
            int okAtRestart = ok.get();
            while (ok.get() == okAtRestart || !Prerequisites.SERVICES.stream().allMatch(deployment::healthy)) {
                assertThat(System.nanoTime()).as("services not recovered 60 s after PostgreSQL came back (%d ok, %d failed requests)",
                        ok.get(), failed.get()).isLessThan(deadline);
                Thread.sleep(250);
            }
            running.set(false);
            load.join(30000);
            System.out.printf("e2e: all services healthy and serving %.1f s after PostgreSQL came back (%d ok, %d refused requests)%n",
                    (System.nanoTime() - back) / 1e9, ok.get(), failed.get());

            for (String service : Prerequisites.SERVICES) {
                assertThat(deployment.pid(service)).as("%s was not restarted", service).isEqualTo(pids.get(service));
            }
            assertThat(allocations(jdbcUrl)).as("port allocations").isEqualTo(allocationsBefore);
            try (ConsoleSocket console = ConsoleSocket.open(issuedBefore)) {
                console.awaitPrompt();
                console.type("echo survived-$((6*7))\r");
                console.awaitText("survived-42", Duration.ofSeconds(20));
            }
        } catch (Throwable e) {
            System.err.println("e2e: logs of the PostgreSQL restart deployment are in " + deployment.logs().toAbsolutePath());
            throw e;
        } finally {
            for (String id : servers) {
                try {
                    new ApiClient(deployment.apiUrl(), deployment.createApiKey("admin", "admin")).delete(id);
                } catch (Throwable e) {
                    System.err.println("e2e: could not delete server " + id + ": " + e);
                }
            }
            deployment.close();
            postgres.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static Map<String, Integer> allocations(String jdbcUrl) throws Exception {
        Map<String, Integer> byInstanceAndIndex = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl);
             Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT instance_uuid, port_index, port FROM compute.port_allocations")) {
            while (rows.next()) {
                byInstanceAndIndex.put(rows.getString(1) + "/" + rows.getInt(2), rows.getInt(3));
            }
        }
        return byInstanceAndIndex;
    }
}
