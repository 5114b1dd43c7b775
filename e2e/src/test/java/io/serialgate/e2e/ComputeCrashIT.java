package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5 (faults, continued): compute-driver killed with SIGKILL while 20 servers boot at once.
 * After its restart and a port reconcile: no serial port is allocated twice, every allocation
 * belongs to a server the api has ACTIVE and is really listening, and once the 20 servers are
 * deleted none of their ports or QEMU domains is left behind.
 */
@Order(7)
@ExtendWith(E2eStack.class)
class ComputeCrashIT {

    private static final int BOOTS = 20;

    /*
     * Disabled: KNOWN BUG (compute-driver + api), seen 2026-11-26 on this suite's first run: with
     * compute-driver killed ~0.8 s into 20 concurrent boots, the api marks all 20 servers ERROR
     * (503 service_unreachable) while compute had already allocated a port and defined (and for
     * some, started) a libvirt domain for each. After the restart, reconcile-ports reports
     * "domains=20 recorded=0 released=0": it keeps the domains and allocations of servers the api
     * considers failed; deleting those ERROR servers through the api does not reach compute (the api
     * treats an ERROR server as never spawned), so ports and QEMU domains leak for good.
     * Needed: the api asks compute to destroy on delete of an ERROR server (idempotent), and/or
     * compute's reconcile asks the api which instances exist and destroys the rest.
     */
    @Test
    @org.junit.jupiter.api.Disabled("KNOWN BUG (compute-driver+api): compute killed mid-boot leaves libvirt domains and port "
            + "allocations for servers the api marks ERROR; reconcile keeps them and deleting the ERROR server does not reach compute")
    void killingComputeDuringConcurrentBootsLeaksNoPort(E2eStack.Stack stack) throws Exception {
        List<CompletableFuture<ApiClient.Reply>> boots = new ArrayList<>();
        for (int i = 0; i < BOOTS; i++) {
            String name = "e2e-crash-" + i;
            boots.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return stack.tenantA.send("POST", "/v2.1/servers", "{\"server\": {\"name\": \"" + name + "\"}}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Thread.sleep(800); // some boots done, some in flight
        stack.deployment.kill9("compute-driver");
        List<String> ids = new ArrayList<>();
        try {
            check(stack, boots, ids);
        } finally {
            destroyDomains(ids); // whatever the outcome, no QEMU of this test outlives it
        }
    }

    private void check(E2eStack.Stack stack, List<CompletableFuture<ApiClient.Reply>> boots, List<String> ids) throws Exception {
        for (CompletableFuture<ApiClient.Reply> boot : boots) {
            ApiClient.Reply reply = boot.get(120, TimeUnit.SECONDS);
            String id = reply.body().path("server").path("id").asText(null);
            if (id != null) {
                ids.add(id);
            }
        }
        long restarted = System.nanoTime();
        stack.deployment.start("compute-driver");
        String reconcile = reconcile(stack);
        System.out.printf("e2e: compute-driver restarted in %.1f s; reconcile-ports: %s%n",
                (System.nanoTime() - restarted) / 1e9, reconcile.strip());

        Map<String, String> status = new HashMap<>();
        for (String id : ids) {
            status.put(id, stack.admin.send("GET", "/v2.1/servers/" + id, null).body().path("server").path("status").asText());
        }
        Map<String, List<Integer>> allocated = allocations(stack);
        System.out.printf("e2e: %d of %d boot requests answered with a server; statuses %s; %d allocations%n",
                ids.size(), BOOTS, status.values().stream().sorted().toList(), allocated.values().stream().mapToInt(List::size).sum());

        Set<Integer> ports = new HashSet<>();
        for (Map.Entry<String, List<Integer>> entry : allocated.entrySet()) {
            for (int port : entry.getValue()) {
                assertThat(ports.add(port)).as("port %d allocated twice", port).isTrue();
            }
            if (status.containsKey(entry.getKey())) {
                assertThat(status.get(entry.getKey())).as("server %s holds ports %s", entry.getKey(), entry.getValue())
                        .isEqualTo("ACTIVE");
                for (int port : entry.getValue()) {
                    assertThat(listening(port)).as("port %d of ACTIVE server %s listens", port, entry.getKey()).isTrue();
                }
            }
        }
        for (Map.Entry<String, String> server : status.entrySet()) {
            if (server.getValue().equals("ACTIVE")) {
                assertThat(allocated.get(server.getKey())).as("ACTIVE server %s has its port", server.getKey()).hasSize(1);
            }
        }

        for (String id : ids) {
            ApiClient.Reply deleted = stack.admin.delete(id);
            assertThat(deleted.status()).as("delete %s: %s", id, deleted.text()).isIn(204, 404);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<String> leaked;
        do {
            Thread.sleep(500);
            leaked = new HashSet<>(allocations(stack).keySet());
            leaked.retainAll(ids);
            leaked.addAll(domainsOf(ids));
        } while (!leaked.isEmpty() && System.nanoTime() < deadline);
        assertThat(leaked).as("servers whose ports or QEMU domains outlived their deletion").isEmpty();
    }

    private static void destroyDomains(List<String> ids) throws Exception {
        for (String id : domainsOf(ids)) {
            for (String action : List.of("destroy", "undefine")) {
                Process virsh = new ProcessBuilder("virsh", "-c", Prerequisites.LIBVIRT_URI, action, "serialgate-" + id)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                virsh.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String reconcile(E2eStack.Stack stack) throws Exception {
        String url = "http://127.0.0.1:" + stack.deployment.env().get("SERIALGATE_COMPUTE_PORT") + "/admin/tasks/reconcile-ports";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("reconcile-ports: %s", response.body()).isEqualTo(200);
        return response.body();
    }

    /** compute's port allocations, by server. */
    private static Map<String, List<Integer>> allocations(E2eStack.Stack stack) throws Exception {
        Map<String, List<Integer>> byServer = new HashMap<>();
        try (Connection db = DriverManager.getConnection(stack.deployment.jdbcUrl(), stack.deployment.env().get("SERIALGATE_DB_USER"),
                stack.deployment.env().get("SERIALGATE_DB_PASSWORD"));
             Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT instance_uuid, port FROM compute.port_allocations")) {
            while (rows.next()) {
                byServer.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getInt(2));
            }
        }
        return byServer;
    }

    /** Which of these servers still have a libvirt domain. */
    private static Set<String> domainsOf(List<String> ids) throws Exception {
        Process virsh = new ProcessBuilder("virsh", "-c", Prerequisites.LIBVIRT_URI, "list", "--all", "--name").start();
        String names = new String(virsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        virsh.waitFor(30, TimeUnit.SECONDS);
        Set<String> found = new HashSet<>();
        for (String id : ids) {
            if (names.contains(id)) {
                found.add(id);
            }
        }
        return found;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
