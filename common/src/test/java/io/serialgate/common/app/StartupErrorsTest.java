package io.serialgate.common.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.setup.Environment;
import io.serialgate.common.config.TestServiceConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad configuration stops a service with the problem named, and no stack trace. */
class StartupErrorsTest {

    @TempDir
    Path dir;

    static final class TinyService extends SerialgateApplication<TestServiceConfiguration> {
        final AtomicReference<Throwable> fatal = new AtomicReference<>();

        @Override
        public void run(TestServiceConfiguration configuration, Environment environment) {}

        @Override
        protected void onFatalError(Throwable t) {
            fatal.set(t); // instead of System.exit, so the test JVM survives
        }
    }

    @Test
    void aBadPortRangeIsOneLineNamingTheOptionWithoutAStackTrace() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yml"),
                "service_auth:\n  secret: 0123456789abcdef0123456789abcdef\nserial_console:\n  port_range: 20000:10000\n");
        TinyService service = new TinyService();
        String err = captureStderr(() -> service.run("server", config.toString()));
        assertThat(service.fatal.get()).isNotNull();
        assertThat(err).contains("serial_console.port_range: MIN must not exceed MAX, got 20000:10000");
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void checkCommandReportsTheSameWay() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.ini"), "[serial_console]\nbase_url = nope\n");
        TinyService service = new TinyService();
        String err = captureStderr(() -> service.run("check", config.toString()));
        assertThat(err).contains("serial_console.base_url: must be an absolute http(s) or ws(s) URL, got 'nope'");
        assertThat(err).contains("service_auth.secret: must be set");
        assertThat(err).doesNotContain("\tat ");
    }

    static final class PlainService extends SerialgateApplication<TestServiceConfiguration> {
        @Override
        public void run(TestServiceConfiguration configuration, Environment environment) {}
    }

    @Test
    void aServiceRunEmbeddedThatCannotStartThrowsInsteadOfExitingTheJvm() throws Exception {
        Path config = Files.writeString(dir.resolve("bad-embedded.yml"),
                "service_auth:\n  secret: 0123456789abcdef0123456789abcdef\nserial_console:\n  port_range: nope\n");
        String err = captureStderr(() -> org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new PlainService().runEmbedded(config.toString(), server -> {}))
                .isInstanceOf(EmbeddedStartException.class)
                .hasMessageContaining("failed to start"));
        assertThat(err).contains("serial_console.port_range: must be MIN:MAX, got 'nope'");
    }

    interface Action {
        void run() throws Exception;
    }

    private static String captureStderr(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
