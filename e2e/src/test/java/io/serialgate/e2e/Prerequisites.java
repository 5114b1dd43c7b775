package io.serialgate.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the suite needs from the machine, checked once. Missing pieces skip the tests that need
 * them, loudly (a banner on stderr naming each piece and how to get it); with {@code CI=true}
 * a missing piece fails instead, so CI can never pass by skipping.
 */
final class Prerequisites {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String LIBVIRT_URI = "qemu:///system";
    static final List<String> SERVICES = List.of("consoleauth", "compute-driver", "api", "serialproxy");

    /** Each skip banner once per run, not once per test class. */
    private static final java.util.Set<String> ANNOUNCED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Prerequisites() {}

    /** The repository root (set by the pom; falls back to the parent of the working directory). */
    static Path repo() {
        String configured = System.getProperty("serialgate.repo");
        Path repo = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return repo.toAbsolutePath().normalize();
    }

    static Path guestDir() {
        return repo().resolve("var/guest");
    }

    /** Missing pieces for the deployment itself: service jars, client jar, libvirt and the guest. */
    static List<String> missingForStack() {
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            if (jar(service) == null) {
                missing.add("serialgate-" + service + "-*-all.jar in " + service + "/target (build: ./mvnw -pl "
                        + service + " package, or run the whole reactor's verify)");
            }
        }
        if (jar("client") == null) {
            missing.add("serialgate-client-*-all.jar in client/target (build: ./mvnw -pl client package)");
        }
        if (!Files.isRegularFile(guestDir().resolve("vmlinuz")) || !Files.isRegularFile(guestDir().resolve("initrd.gz"))) {
            missing.add("the busybox test guest in " + guestDir() + " (build: compute-driver/guest/build-test-guest.sh var/guest,"
                    + " or bin/install-test-deps as root)");
        }
        if (!commandSucceeds("virsh", "-c", LIBVIRT_URI, "version")) {
            missing.add("libvirt answering on " + LIBVIRT_URI + " (as root: bin/install-test-deps, or bin/libvirt-up)");
        }
        return missing;
    }

    static List<String> missingForBrowser() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (sudo apt-get install -y chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (sudo apt-get install -y chromium-driver)");
        }
        return missing;
    }

    /** Skips (or, under CI, fails) the calling test when anything in {@code missing} is absent. */
    static void require(String what, List<String> missing) {
        if (missing.isEmpty()) {
            return;
        }
        String list = "\n  - " + String.join("\n  - ", missing);
        if (ci()) {
            Assertions.fail("serialgate e2e: CI=true, so " + what + " may not skip; missing:" + list);
        }
        String message = "serialgate e2e: " + what + " SKIPPED, missing:" + list;
        if (ANNOUNCED.add(message)) {
            System.err.println("\n************************************************************\n" + message
                    + "\n************************************************************\n");
        }
        Assumptions.abort(message);
    }

    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static Path jar(String module) {
        Path target = repo().resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("serialgate-" + module + "-.*-all\\.jar"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean commandSucceeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
