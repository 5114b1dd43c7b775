package io.serialgate.e2e;

import io.serialgate.common.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The one deployment every e2e class shares (started by the first class that needs it, stopped
 * when the whole run ends), plus failure artifacts: on a failed test the service logs are copied
 * to {@code e2e/target/e2e-artifacts/<Class>.<method>/} (browser tests add a screenshot there).
 */
final class E2eStack implements BeforeAllCallback, ParameterResolver, TestWatcher {

    /** What the tests get: the deployment and API clients for an admin and two tenants. */
    static final class Stack implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        final StagedDeployment deployment;
        final ApiClient admin;
        final ApiClient tenantA;
        final ApiClient tenantB;
        final String keyA;
        private final List<String> servers = new ArrayList<>();
        private boolean closed;

        private Stack(StagedDeployment deployment, String adminKey, String keyA, String keyB) {
            this.deployment = deployment;
            this.admin = new ApiClient(deployment.apiUrl(), adminKey);
            this.tenantA = new ApiClient(deployment.apiUrl(), keyA);
            this.tenantB = new ApiClient(deployment.apiUrl(), keyB);
            this.keyA = keyA;
        }

        /** Boots a server for tenant A; it is deleted when the run ends (its QEMU goes with it). */
        String bootServer(String name, int serialPorts) throws Exception {
            String id = tenantA.bootServer(name, serialPorts);
            synchronized (servers) {
                servers.add(id);
            }
            return id;
        }

        @Override
        public synchronized void close() throws Exception {
            if (closed) {
                return;
            }
            closed = true;
            for (String id : servers) {
                try {
                    admin.delete(id);
                } catch (Exception e) {
                    System.err.println("e2e: could not delete server " + id + ": " + e);
                }
            }
            deployment.close();
        }
    }

    static final String PROJECT_A = "tenant-a";
    static final String PROJECT_B = "tenant-b";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(E2eStack.class);
    private static AssertionError startFailure;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Prerequisites.require("the end-to-end suite", Prerequisites.missingForStack());
        stack(context);
    }

    static synchronized Stack stack(ExtensionContext context) {
        if (startFailure != null) {
            throw new AssertionError("the e2e deployment did not start (see the first failure)", startFailure);
        }
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stack", key -> {
            try {
                return start();
            } catch (AssertionError e) {
                startFailure = e;
                throw e;
            } catch (Exception e) {
                startFailure = new AssertionError("cannot start the e2e deployment: " + e, e);
                throw startFailure;
            }
        }, Stack.class);
    }

    private static Stack start() throws Exception {
        deleteRecursively(artifacts()); // artifacts of an earlier run would mislead
        Path runDir = artifacts().resolve("run");
        StagedDeployment deployment = new StagedDeployment(Prerequisites.repo(), runDir, TestPostgres.freshDatabaseUrl());
        try {
            long started = System.nanoTime();
            deployment.up();
            System.out.printf("e2e: deployment up in %.1f s%n", (System.nanoTime() - started) / 1e9);
            // Three JVM starts: in parallel, they are most of the set-up time otherwise.
            CompletableFuture<String> admin = key(deployment, "admin", "admin");
            CompletableFuture<String> a = key(deployment, PROJECT_A, "member");
            CompletableFuture<String> b = key(deployment, PROJECT_B, "member");
            return new Stack(deployment, admin.join(), a.join(), b.join());
        } catch (Throwable e) {
            copyLogs("deployment-start");
            deployment.close();
            throw e;
        }
    }

    private static CompletableFuture<String> key(StagedDeployment deployment, String project, String role) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return deployment.createApiKey(project, role);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        copyLogs(testName(context));
    }

    static String testName(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    }

    static Path artifacts() {
        String configured = System.getProperty("serialgate.e2e.artifacts");
        return configured != null ? Path.of(configured) : Path.of("target", "e2e-artifacts");
    }

    /** The service logs as they are now, kept under e2e-artifacts/<name>/logs. */
    static void copyLogs(String name) {
        Path from = artifacts().resolve("run");
        Path to = artifacts().resolve(name);
        try {
            Files.createDirectories(to);
            Files.writeString(to.resolve("failed-at.txt"), Instant.now() + "\n");
            if (!Files.isDirectory(from)) {
                return;
            }
            try (var files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file) && (file.toString().endsWith(".log") || file.toString().endsWith(".out"))) {
                        Path target = to.resolve(from.relativize(file).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            System.err.println("e2e: service logs of the failure kept in " + to.toAbsolutePath());
        } catch (IOException e) {
            System.err.println("e2e: could not keep the logs: " + e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
