package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 5 (faults, continued): compute-driver killed with SIGKILL while 20 servers boot at once.
 * After its restart (whose start-up reconcile undoes every interrupted spawn) and a port reconcile:
 * every server is either ACTIVE with its port, listening, or ERROR/gone with no port and no QEMU
 * domain; no (host, port) is allocated twice; and once the 20 servers are deleted through the api
 * (ERROR ones included: the api still asks compute to destroy them), compute holds no allocation
 * for a server the api does not know and none of their domains is left behind.
 */
@Order(7)
@ExtendWith(E2eStack.class)
class ComputeCrashIT {

    private static final int BOOTS = 20;

    @Test
    void killingComputeDuringConcurrentBootsLeaksNoPort(E2eStack.Stack stack) throws Exception {
        // One thread per boot: the common pool of a 2-core machine would run them one by one.
        ExecutorService clients = Executors.newFixedThreadPool(BOOTS);
        Path log = stack.deployment.logs().resolve("compute-driver.log");
        long logOffset = Files.size(log);
        List<CompletableFuture<ApiClient.Reply>> boots = new ArrayList<>();
        for (int i = 0; i < BOOTS; i++) {
            String name = "e2e-crash-" + i;
            boots.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return stack.tenantA.send("POST", "/v2.1/servers", "{\"server\": {\"name\": \"" + name + "\"}}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, clients));
        }
        // Kill as soon as compute says it finished a spawn (at the latest after 30 s): with QEMU
        // starting 20 guests on 2 cores their spawns end within a second or two of each other, so
        // waiting for the api's answers would find them all done.
        long latest = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!computeLogSince(log, logOffset).contains("event=server_spawned") && System.nanoTime() < latest) {
            Thread.sleep(5);
        }
        long answered = boots.stream().filter(CompletableFuture::isDone).count();
        stack.deployment.kill9("compute-driver");
        System.out.printf("e2e: compute-driver killed with %d of %d boots answered before%n", answered, BOOTS);
        List<String> ids = new ArrayList<>();
        try {
            check(stack, boots, ids);
        } finally {
            clients.shutdownNow();
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
        // What the restart's own reconcile (before it served a request) found and undid.
        try (var lines = Files.lines(stack.deployment.logs().resolve("compute-driver.log"))) {
            lines.filter(line -> line.contains("event=ports_reconciled")).forEach(line -> System.out.println("e2e: " + line.strip()));
        }

        // The api destroys failed spawns on their host in the background, retrying until the host
        // is back: give it until the servers that are not ACTIVE hold nothing (or 60 s).
        Map<String, String> status;
        Map<String, List<HostPort>> allocated;
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            status = statuses(stack, ids);
            allocated = allocations(stack);
            List<String> notActive = notActive(status);
            boolean clean = notActive.stream().noneMatch(allocated::containsKey) && domainsOf(notActive).isEmpty();
            if (clean || System.nanoTime() > settle) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("e2e: %d of %d boot requests answered with a server; statuses %s; %d allocations%n",
                ids.size(), BOOTS, status.values().stream().sorted().toList(), allocated.values().stream().mapToInt(List::size).sum());

        Set<HostPort> taken = new HashSet<>();
        for (Map.Entry<String, List<HostPort>> entry : allocated.entrySet()) {
            for (HostPort port : entry.getValue()) {
                assertThat(taken.add(port)).as("%s allocated twice", port).isTrue();
            }
        }
        for (Map.Entry<String, String> server : status.entrySet()) {
            List<HostPort> ports = allocated.getOrDefault(server.getKey(), List.of());
            if (server.getValue().equals("ACTIVE")) {
                assertThat(ports).as("ACTIVE server %s has its port", server.getKey()).hasSize(1);
                for (HostPort port : ports) {
                    assertThat(listening(port.port())).as("%s of ACTIVE server %s listens", port, server.getKey()).isTrue();
                }
            } else {
                assertThat(server.getValue()).as("server %s", server.getKey()).isIn("ERROR", "GONE");
                assertThat(ports).as("%s server %s holds no port", server.getValue(), server.getKey()).isEmpty();
            }
        }
        assertThat(domainsOf(notActive(status))).as("QEMU domains of servers that are not ACTIVE").isEmpty();

        for (String id : ids) {
            ApiClient.Reply deleted = stack.admin.delete(id);
            assertThat(deleted.status()).as("delete %s: %s", id, deleted.text()).isIn(204, 404);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<String> leaked;
        do {
            Thread.sleep(500);
            leaked = new HashSet<>(allocations(stack).keySet());
            leaked.removeAll(apiServers(stack)); // servers of other scenarios still hold theirs
            leaked.addAll(domainsOf(ids));
        } while (!leaked.isEmpty() && System.nanoTime() < deadline);
        assertThat(leaked).as("servers whose ports or QEMU domains outlived their deletion").isEmpty();
    }

    /** Each server's status in the api: ACTIVE, ERROR, ..., or GONE when the api no longer has it. */
    private static Map<String, String> statuses(E2eStack.Stack stack, List<String> ids) throws Exception {
        Map<String, String> status = new HashMap<>();
        for (String id : ids) {
            ApiClient.Reply shown = stack.admin.send("GET", "/v2.1/servers/" + id, null);
            status.put(id, shown.status() == 404 ? "GONE" : shown.body().path("server").path("status").asText());
        }
        return status;
    }

    private static List<String> notActive(Map<String, String> status) {
        return status.entrySet().stream().filter(e -> !e.getValue().equals("ACTIVE")).map(Map.Entry::getKey).toList();
    }

    /** What compute-driver logged after {@code offset}. */
    private static String computeLogSince(Path log, long offset) throws Exception {
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(1 << 20, channel.size() - offset)));
            channel.read(buffer);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }

    /** A TCP port of a compute host. */
    private record HostPort(String host, int port) {}

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
                .header("Authorization", "Bearer " + stack.deployment.env().get("SERIALGATE_SERVICE_SECRET"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("reconcile-ports: %s", response.body()).isEqualTo(200);
        return response.body();
    }

    /** compute's port allocations, by server. */
    private static Map<String, List<HostPort>> allocations(E2eStack.Stack stack) throws Exception {
        Map<String, List<HostPort>> byServer = new HashMap<>();
        try (Connection db = database(stack);
             Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT instance_uuid, host, port FROM compute.port_allocations")) {
            while (rows.next()) {
                byServer.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(new HostPort(rows.getString(2), rows.getInt(3)));
            }
        }
        return byServer;
    }

    /** Every server the api knows, of any project. */
    private static Set<String> apiServers(E2eStack.Stack stack) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection db = database(stack);
             Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("SELECT id::text FROM api.servers")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static Connection database(E2eStack.Stack stack) throws Exception {
        return DriverManager.getConnection(stack.deployment.jdbcUrl(), stack.deployment.env().get("SERIALGATE_DB_USER"),
                stack.deployment.env().get("SERIALGATE_DB_PASSWORD"));
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
