package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/bin/serialgate-staged's failure paths (its success path is how every other e2e class
 * starts): a stage that fails names itself, shows its log and exits 1; a port another process
 * holds is refused instead of being mistaken for the service's health check.
 */
@Order(0)
class StagedScriptIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void jars() {
        Prerequisites.require("the staged script's failure tests", Prerequisites.missingForStack().stream()
                .filter(m -> m.contains(".jar")).toList());
    }

    @Test
    void aFailingStageSaysWhichAndWhyAndExits1() throws Exception {
        Process process = staged(Map.of("SERIALGATE_SERVICE_SECRET", "too-short"), "up",
                Prerequisites.repo().resolve("deploy/config").toString(), dir.resolve("run").toString());
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        // Stage 1 (consoleauth's migrate) or, with a jar that has no migrate command yet, stage 2.
        assertThat(output).containsPattern("\\[[12]/5\\] (migrations|consoleauth) \\.\\.\\. FAILED")
                .contains("service_auth.secret")          // the service's own one-line reason, from its log
                .contains("last lines of")
                .doesNotContain("[3/5]");
        assertThat(dir.resolve("run/consoleauth.pid")).doesNotExist();
    }

    @Test
    void aPortHeldByAnotherProcessIsRefused() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process process = staged(Map.of("SERIALGATE_CONSOLEAUTH_PORT", Integer.toString(squatter.getLocalPort()),
                            "SERIALGATE_SERVICE_SECRET", "x".repeat(64)), "start",
                    Prerequisites.repo().resolve("deploy/config").toString(), dir.resolve("run").toString(), "consoleauth");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("consoleauth ... FAILED").contains("something already listens");
        }
    }

    @Test
    void downOfAnEmptyRunDirectoryIsANoOp() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        Process process = staged(Map.of(), "down", dir.resolve("empty").toString());
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void usageErrorsExit2() throws Exception {
        Process process = staged(Map.of(), "up");
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
    }

    private static Process staged(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Prerequisites.repo().resolve("deploy/bin/serialgate-staged").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SERIALGATE_DB_URL", "jdbc:postgresql://127.0.0.1:1/none");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }
}
