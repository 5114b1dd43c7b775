package io.serialgate.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the four services' YAML files for one all-in-one run: the same shape an operator writes
 * by hand (see deploy/config), bound to loopback, logging to one file instead of the terminal.
 */
final class ServiceConfigWriter {

    private final Path configDirectory;
    private final Path logDirectory;
    private final ServicePorts ports;
    private final Database database;
    private final AllInOneSecrets secrets;
    private final ComputeDriverChoice computeDriver;
    private final Path consoleLogDirectory;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    ServiceConfigWriter(Path configDirectory, Path logDirectory, ServicePorts ports, Database database,
                        AllInOneSecrets secrets, ComputeDriverChoice computeDriver, Path consoleLogDirectory) {
        this.configDirectory = configDirectory;
        this.logDirectory = logDirectory;
        this.ports = ports;
        this.database = database;
        this.secrets = secrets;
        this.computeDriver = computeDriver;
        this.consoleLogDirectory = consoleLogDirectory;
    }

    Path consoleauth() {
        Map<String, Object> config = common("consoleauth", ports.consoleauth());
        config.put("database", database());
        config.put("consoleauth", Map.of("token_ttl", 600));
        return write("consoleauth.yml", config);
    }

    Path compute() {
        Map<String, Object> config = common("compute-driver", ports.compute());
        config.put("database", database());
        Map<String, Object> compute = new LinkedHashMap<>();
        compute.put("host", "localhost");
        compute.put("driver", computeDriver.driver());
        if ("libvirt".equals(computeDriver.driver())) {
            Map<String, Object> libvirt = new LinkedHashMap<>();
            libvirt.put("uri", ComputeDriverChoice.LIBVIRT_URI);
            libvirt.put("domain_type", "qemu");
            libvirt.put("kernel", computeDriver.guestDirectory().resolve("vmlinuz").toString());
            libvirt.put("initrd", computeDriver.guestDirectory().resolve("initrd.gz").toString());
            libvirt.put("console_log_dir", consoleLogDirectory.toString());
            compute.put("libvirt", libvirt);
        }
        config.put("compute", compute);
        config.put("internal", Map.of("api_url", ports.apiUrl()));
        return write("compute-driver.yml", config);
    }

    Path api() {
        Map<String, Object> config = common("api", ports.api());
        config.put("database", database());
        config.put("internal", internal());
        config.put("api", Map.of("bootstrap_admin_key", secrets.adminKey()));
        return write("api.yml", config);
    }

    Path serialproxy() {
        Map<String, Object> config = common("serialproxy", ports.serialproxy());
        config.put("internal", internal());
        return write("serialproxy.yml", config);
    }

    private Map<String, Object> common(String service, int port) {
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("type", "simple");
        server.put("applicationContextPath", "/");
        server.put("adminContextPath", "/admin");
        server.put("connector", Map.of("type", "http", "bindHost", "127.0.0.1", "port", port));
        server.put("requestLog", Map.of("appenders", List.of(fileAppender("access-" + service))));
        config.put("server", server);
        Map<String, Object> serialConsole = new LinkedHashMap<>();
        serialConsole.put("enabled", true);
        serialConsole.put("base_url", ports.serialproxyUrl() + "/serial.html");
        serialConsole.put("listen", "127.0.0.1");
        serialConsole.put("proxyclient_address", "127.0.0.1");
        config.put("serial_console", serialConsole);
        config.put("service_auth", Map.of("secret", secrets.serviceSecret()));
        Map<String, Object> console = new LinkedHashMap<>();
        console.put("type", "console");
        console.put("threshold", "WARN");
        config.put("logging", Map.of("level", "INFO", "appenders", List.of(console, fileAppender(service))));
        return config;
    }

    private Map<String, Object> fileAppender(String name) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("type", "file");
        file.put("currentLogFilename", logDirectory.resolve(name + ".log").toString());
        file.put("archivedLogFilenamePattern", logDirectory.resolve(name + "-%d.log.gz").toString());
        file.put("archivedFileCount", 5);
        return file;
    }

    private Map<String, Object> database() {
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("driverClass", "org.postgresql.Driver");
        db.put("url", database.jdbcUrl());
        db.put("user", database.user());
        db.put("password", database.password());
        db.put("maxSize", 16);
        return db;
    }

    private Map<String, Object> internal() {
        return Map.of("consoleauth_url", ports.consoleauthUrl(), "compute_url", ports.computeUrl());
    }

    private Path write(String name, Map<String, Object> config) {
        try {
            Files.createDirectories(configDirectory);
            Path file = configDirectory.resolve(name);
            Files.deleteIfExists(file);
            // The files hold the service secret: owner-only.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            yaml.writeValue(file.toFile(), config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " in " + configDirectory, e);
        }
    }
}
