package io.serialgate.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.app.EmbeddedStartException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * serialgate on one machine: a real PostgreSQL (embedded, or one named by JDBC URL), then
 * consoleauth, api, compute-driver and serialproxy on loopback, then a demo server and its
 * console URL. Ctrl-C stops everything, services first, PostgreSQL last.
 */
@Command(name = "serialgate-all-in-one", mixinStandardHelpOptions = true,
        description = "Runs every serialgate service on this machine, on loopback, with a demo server.")
public final class AllInOne implements Callable<Integer> {

    static final String ADMIN_PROJECT = "admin";
    private static final int STEPS = 6;

    @Option(names = "--data-dir", defaultValue = "var/all-in-one",
            description = "Folder for PostgreSQL data, secrets, generated configs and logs (kept across runs). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--jdbc-url", description = "Use this PostgreSQL instead of the embedded one, e.g. jdbc:postgresql://127.0.0.1:5432/serialgate")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "User for --jdbc-url. Default: ${DEFAULT-VALUE}")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Password for --jdbc-url (or env SERIALGATE_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--api-port", defaultValue = "8774") int apiPort;
    @Option(names = "--serialproxy-port", defaultValue = "6083") int serialproxyPort;
    @Option(names = "--consoleauth-port", defaultValue = "8781") int consoleauthPort;
    @Option(names = "--compute-port", defaultValue = "8782") int computePort;

    @Option(names = "--compute-driver", defaultValue = "auto",
            description = "auto (libvirt when qemu:///system answers and the test guest is built, else fake), "
                    + "libvirt (real QEMU guests) or fake (simulated guests, works anywhere). Default: ${DEFAULT-VALUE}")
    String computeDriver;

    @Option(names = "--guest-dir", defaultValue = "var/guest",
            description = "Kernel (vmlinuz) and initramfs (initrd.gz) of the libvirt demo guest. Default: ${DEFAULT-VALUE}")
    Path guestDir;

    private final PrintStream out;
    private Database database;
    private InProcessServices services;
    private AllInOneSummary summary;

    public AllInOne() {
        this(System.out);
    }

    AllInOne(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        AllInOne allInOne = new AllInOne();
        CommandLine cli = new CommandLine(allInOne);
        int code = cli.execute(args);
        if (code != 0) {
            allInOne.stop();
            System.exit(code);
        }
        // Services keep running on their own (non-daemon) threads until Ctrl-C.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping serialgate ...");
            allInOne.stop();
            System.out.println("stopped.");
        }, "all-in-one-shutdown"));
    }

    @Override
    public Integer call() {
        try {
            start();
            printSummary();
            return 0;
        } catch (EmbeddedStartException e) {
            out.println("error: " + e.getMessage() + " (see the message above and " + dataDir.resolve("logs") + ")");
            return 1;
        } catch (Exception e) {
            out.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    /** Starts everything; on return the console URL works. */
    void start() throws Exception {
        long t0 = System.nanoTime();
        ObjectMapper json = Jackson.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path data = dataDir.toAbsolutePath();
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        ServicePorts ports = new ServicePorts(apiPort, consoleauthPort, computePort, serialproxyPort);

        step(1, "PostgreSQL");
        database = jdbcUrl == null
                ? EmbeddedDatabase.start(data.resolve("postgres"), logs.resolve("postgres.log"))
                : new ExternalDatabase(jdbcUrl, dbUser, System.getenv().getOrDefault("SERIALGATE_DB_PASSWORD", dbPassword));
        done(database.describe());

        AllInOneSecrets secrets = AllInOneSecrets.loadOrCreate(data.resolve("secrets.json"), json);
        ComputeDriverChoice driver = ComputeDriverChoice.choose(computeDriver, guestDir == null ? Path.of("var/guest") : guestDir);
        ServiceConfigWriter configs = new ServiceConfigWriter(data.resolve("config"), logs, ports, database, secrets,
                driver, data.resolve("console-logs"));
        services = new InProcessServices();

        step(2, "consoleauth");
        services.startConsoleauth(configs.consoleauth());
        done(ports.consoleauthUrl());
        // The api before compute-driver, so compute's first heartbeat finds it.
        step(3, "api");
        services.startApi(configs.api());
        done(ports.apiUrl());
        step(4, "compute-driver (" + driver.driver() + " driver: " + driver.reason() + ")");
        services.startCompute(configs.compute());
        done(ports.computeUrl());
        step(5, "serialproxy");
        services.startSerialproxy(configs.serialproxy());
        done(ports.serialproxyUrl());

        step(6, "demo server");
        DemoServer demo = new DemoServer(URI.create(ports.apiUrl()), secrets.adminKey(), json);
        DemoServer.Ready ready = demo.ready(ADMIN_PROJECT);
        String serverId = ready.serverId();
        String consoleUrl = ready.consoleUrl();
        done(switch (ready.repair()) {
            case NONE -> serverId;
            case REPLACED -> serverId + "; the previous demo's guest was gone, so it was made again";
            case STARTED -> serverId + "; its guest was shut off (a reboot of this machine does that), so it was started";
        });

        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("api", ports.apiUrl());
        endpoints.put("serialproxy", ports.serialproxyUrl());
        endpoints.put("consoleauth", ports.consoleauthUrl());
        endpoints.put("compute", ports.computeUrl());
        String cli = "client/bin/serialgate-client --api-url " + ports.apiUrl() + " --token " + secrets.adminKey()
                + " console connect " + DemoServer.NAME;
        summary = new AllInOneSummary(endpoints, secrets.adminKey(), ADMIN_PROJECT, serverId, consoleUrl, cli,
                driver.driver(), database.describe(), logs.toString());
        Path summaryFile = data.resolve("all-in-one.json");
        Files.deleteIfExists(summaryFile);
        Files.createFile(summaryFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        json.writeValue(summaryFile.toFile(), summary);
        out.printf("serialgate is up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    AllInOneSummary summary() {
        return summary;
    }

    void stop() {
        if (services != null) {
            services.close();
            services = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }

    private void printSummary() {
        Path data = dataDir.toAbsolutePath();
        out.println();
        out.println("  API endpoint     " + summary.endpoints().get("api") + "   (Nova-compatible, X-Auth-Token)");
        out.println("  admin API key    " + summary.adminKey() + "   (project " + summary.projectId() + ")");
        out.println("  demo server      " + summary.demoServerId() + "   (name " + DemoServer.NAME + ")");
        out.println("  console URL      " + summary.consoleUrl());
        out.println("                   open it in a browser; the token in it is valid for 10 minutes");
        out.println("  CLI              " + summary.cliCommand());
        out.println("  all of the above " + data.resolve("all-in-one.json"));
        out.println("  logs             " + summary.logs());
        out.println();
        out.println("Press Ctrl-C to stop.");
    }

    private void step(int n, String what) {
        out.printf("[%d/%d] starting %s ... ", n, STEPS, what);
        out.flush();
    }

    private void done(String detail) {
        out.println("ok (" + detail + ")");
    }
}
