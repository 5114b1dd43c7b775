package io.serialgate.deploy;

import io.serialgate.common.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One all-in-one (the four real services in this JVM, on a fresh database of the real
 * PostgreSQL, fake compute driver, free loopback ports) shared by every test class of this module
 * and stopped when the test run ends.
 */
final class RunningAllInOne implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static RunningAllInOne instance;

    final AllInOne allInOne;
    final AllInOneSummary summary;
    final Path dataDir;
    final ByteArrayOutputStream launcherOutput;

    /** Used by JUnit through {@code @ExtendWith}; the real instance is made once. */
    RunningAllInOne() {
        this.allInOne = null;
        this.summary = null;
        this.dataDir = null;
        this.launcherOutput = null;
    }

    private RunningAllInOne(AllInOne allInOne, Path dataDir, ByteArrayOutputStream launcherOutput) {
        this.allInOne = allInOne;
        this.summary = allInOne.summary();
        this.dataDir = dataDir;
        this.launcherOutput = launcherOutput;
    }

    static synchronized RunningAllInOne get() {
        if (instance == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(RunningAllInOne.class)");
        }
        return instance;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RunningAllInOne.class) {
            if (instance == null) {
                instance = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningAllInOne.class, instance);
            }
        }
    }

    private static RunningAllInOne start() throws Exception {
        Path dataDir = Files.createTempDirectory("serialgate-aio-test");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        AllInOne allInOne = new AllInOne(new PrintStream(output, true, StandardCharsets.UTF_8));
        allInOne.dataDir = dataDir;
        allInOne.jdbcUrl = TestPostgres.freshDatabaseUrl();
        allInOne.dbUser = "postgres";
        allInOne.dbPassword = "";
        allInOne.apiPort = freePort();
        allInOne.serialproxyPort = freePort();
        allInOne.consoleauthPort = freePort();
        allInOne.computePort = freePort();
        allInOne.computeDriver = "fake";
        allInOne.start();
        return new RunningAllInOne(allInOne, dataDir, output);
    }

    @Override
    public void close() {
        allInOne.stop();
    }

    String apiUrl() {
        return summary.endpoints().get("api");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
