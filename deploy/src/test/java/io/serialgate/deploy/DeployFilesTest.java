package io.serialgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the files an operator installs by hand: the systemd units (hardening keys present, and
 * {@code systemd-analyze verify} clean where systemd is installed), the logrotate file, and the
 * Kubernetes manifests (kinds, probes and ports consistent with the services' default ports).
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("").toAbsolutePath();
    private static final Path ROOT = DEPLOY.getParent();
    private static final Path SYSTEMD = DEPLOY.resolve("systemd");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Set<String> DATABASE_SERVICES = Set.of("api", "consoleauth", "compute-driver");
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}");
    private static final YAMLMapper YAML = new YAMLMapper();

    /** service name (as in unit, jar and config file names) → its default port. */
    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("api", ServicePorts.DEFAULTS.api());
        ports.put("consoleauth", ServicePorts.DEFAULTS.consoleauth());
        ports.put("compute-driver", ServicePorts.DEFAULTS.compute());
        ports.put("serialproxy", ServicePorts.DEFAULTS.serialproxy());
        return ports;
    }

    // ---------------------------------------------------------------- systemd

    @ParameterizedTest
    @ValueSource(strings = {"api", "consoleauth", "compute-driver", "serialproxy"})
    void unitRunsTheServiceJarWithItsConfigAsTheDedicatedUser(String service) throws IOException {
        Map<String, List<String>> unit = unitKeys(service);
        String jar = "/usr/share/serialgate/serialgate-" + service + ".jar";
        String config = "/etc/serialgate/" + service + ".yml";

        assertThat(unit.get("ExecStart")).containsExactly("/usr/bin/java -jar " + jar + " server " + config);
        assertThat(unit.get("User")).containsExactly("serialgate");
        assertThat(unit.get("Group")).containsExactly("serialgate");
        assertThat(unit.get("Type")).containsExactly("simple");
        assertThat(unit.get("Restart")).containsExactly("on-failure");
        assertThat(String.join(" ", unit.get("After"))).contains("network-online.target");
        assertThat(String.join(" ", unit.get("Wants"))).contains("network-online.target");
        if (DATABASE_SERVICES.contains(service)) {
            assertThat(unit.get("ExecStartPre")).containsExactly("/usr/bin/java -jar " + jar + " migrate " + config);
            assertThat(String.join(" ", unit.get("After"))).contains("postgresql.service");
            assertThat(String.join(" ", unit.get("Wants"))).contains("postgresql.service");
        } else {
            assertThat(unit).doesNotContainKey("ExecStartPre");
            assertThat(String.join(" ", unit.get("After"))).doesNotContain("postgresql.service");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "consoleauth", "compute-driver", "serialproxy"})
    void unitIsHardened(String service) throws IOException {
        Map<String, List<String>> unit = unitKeys(service);

        assertThat(unit.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(unit.get("ProtectSystem")).containsExactly("strict");
        assertThat(unit.get("ProtectHome")).containsExactly("yes");
        assertThat(unit.get("PrivateTmp")).containsExactly("yes");
        assertThat(unit.get("PrivateDevices")).containsExactly("yes");
        assertThat(unit.get("CapabilityBoundingSet")).containsExactly("");
        assertThat(unit.get("RestrictAddressFamilies")).containsExactly("AF_UNIX AF_INET AF_INET6");
        // The JIT needs writable+executable memory: this key would kill the JVM at start.
        assertThat(unit).doesNotContainKey("MemoryDenyWriteExecute");
        // Writable places: logs and the service's own state (recordings, the api's key file), nothing else.
        assertThat(unit.getOrDefault("ReadWritePaths", List.of())).isEmpty();
        assertThat(unit.get("LogsDirectory")).containsExactly("serialgate");
        List<String> state = unit.getOrDefault("StateDirectory", List.of());
        switch (service) {
            case "serialproxy" -> assertThat(state).containsExactly("serialgate/recordings");
            case "api" -> assertThat(state).containsExactly("serialgate/api");
            default -> assertThat(state).isEmpty();
        }
    }

    @Test
    void computeDriverUnitSaysHowToReachLibvirtsSocket() throws IOException {
        String text = Files.readString(SYSTEMD.resolve("serialgate-compute-driver.service"));

        assertThat(text).contains("/run/libvirt/libvirt-sock").contains("SupplementaryGroups=libvirt");
        assertThat(unitKeys("compute-driver").get("RestrictAddressFamilies").get(0)).contains("AF_UNIX");
    }

    @Test
    void unitsPassSystemdAnalyzeVerify() throws Exception {
        Optional<Path> analyze = executable("systemd-analyze");
        if (analyze.isEmpty()) {
            System.err.println("*** DeployFilesTest: systemd-analyze is not installed: the units were NOT verified"
                    + " (Debian: apt-get install systemd) ***");
            Assumptions.abort("systemd-analyze not installed");
        }
        List<String> problems = new ArrayList<>();
        List<String> environmental = new ArrayList<>();
        for (String service : defaultPorts().keySet()) {
            Path unit = SYSTEMD.resolve("serialgate-" + service + ".service");
            Run run = run(List.of(analyze.get().toString(), "verify", unit.toString()));
            // verify exits 0 on unknown keys and bad values (it only warns): any output is a problem.
            if (run.exitCode() != 0 || !run.output().isBlank()) {
                String line = unit.getFileName() + " (exit " + run.exitCode() + "): " + run.output().strip();
                // A machine without /usr/bin/java cannot verify ExecStart; the unit is not wrong.
                if (run.output().lines().allMatch(l -> l.isBlank() || l.contains("is not executable"))) {
                    environmental.add(line);
                } else {
                    problems.add(line);
                }
            }
        }
        assertThat(problems).as("systemd-analyze verify").isEmpty();
        if (!environmental.isEmpty()) {
            String message = "systemd-analyze verify cannot check ExecStart here:\n  " + String.join("\n  ", environmental);
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.err.println("*** DeployFilesTest: " + message + " ***");
            Assumptions.abort(message);
        }
    }

    @Test
    void logrotateCoversServiceLogsAndRecordings(@TempDir Path temp) throws Exception {
        String text = Files.readString(DEPLOY.resolve("logrotate/serialgate"));
        assertThat(text).contains("/var/log/serialgate/*.log {").contains("copytruncate")
                .contains("/var/lib/serialgate/recordings/*.cast {").contains("nocreate");

        Optional<Path> logrotate = executable("logrotate");
        Assumptions.assumeTrue(logrotate.isPresent(), "logrotate not installed: syntax not checked");
        // The user serialgate only exists on installed hosts; logrotate -d refuses unknown users.
        Path copy = temp.resolve("serialgate");
        Files.writeString(copy, text.replace("su serialgate serialgate", "su root root"));
        Run run = run(List.of(logrotate.get().toString(), "-d", "-s", temp.resolve("state").toString(), copy.toString()));
        assertThat(run.output().lines().filter(l -> l.startsWith("error"))).as(run.output()).isEmpty();
        assertThat(run.output()).contains("rotating pattern: /var/log/serialgate/*.log")
                .contains("rotating pattern: /var/lib/serialgate/recordings/*.cast");
    }

    // ---------------------------------------------------------------- Kubernetes

    @Test
    void everyManifestParsesAndHasKindAndName() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            List<Path> manifests = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(manifests).extracting(p -> p.getFileName().toString())
                    .containsExactly("api.yaml", "consoleauth.yaml", "secret.example.yaml", "serialproxy.yaml");
            for (Path manifest : manifests) {
                for (JsonNode document : documents(manifest)) {
                    assertThat(document.path("apiVersion").asText()).as(manifest + " apiVersion").isNotEmpty();
                    assertThat(document.path("kind").asText()).as(manifest + " kind").isNotEmpty();
                    assertThat(document.path("metadata").path("name").asText()).as(manifest + " name").isNotEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "consoleauth", "serialproxy"})
    void manifestIsConfigMapDeploymentAndServiceOnTheDefaultPort(String service) throws IOException {
        int port = defaultPorts().get(service);
        Map<String, JsonNode> byKind = byKind(K8S.resolve(service + ".yaml"));
        assertThat(byKind.keySet()).containsExactlyInAnyOrder("ConfigMap", "Deployment", "Service");

        JsonNode deployment = byKind.get("Deployment");
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);
        JsonNode containerPort = container.path("ports").get(0);
        assertThat(containerPort.path("containerPort").asInt()).isEqualTo(port);
        String portName = containerPort.path("name").asText();
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(service + " " + probe).isEqualTo("/admin/healthcheck");
            assertThat(get.path("port").asText()).as(service + " " + probe).isIn(portName, String.valueOf(port));
        }

        JsonNode svc = byKind.get("Service");
        assertThat(svc.path("metadata").path("name").asText()).isEqualTo(service);
        assertThat(svc.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(port);
        assertThat(svc.path("spec").path("ports").get(0).path("targetPort").asText()).isIn(portName, String.valueOf(port));
        // The Service selects this Deployment's pods.
        svc.path("spec").path("selector").fields().forEachRemaining(label ->
                assertThat(pod.path("metadata").path("labels").path(label.getKey()).asText())
                        .as("pod label " + label.getKey()).isEqualTo(label.getValue().asText()));
        deployment.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(label ->
                assertThat(pod.path("metadata").path("labels").path(label.getKey()).asText()).isEqualTo(label.getValue().asText()));

        // The service's config (from the ConfigMap) listens on the same port, with /admin health checks.
        JsonNode configMap = byKind.get("ConfigMap");
        String configText = configMap.path("data").path(service + ".yml").asText();
        JsonNode config = YAML.readTree(configText);
        assertThat(config.path("server").path("connector").path("port").asInt()).isEqualTo(port);
        assertThat(config.path("server").path("connector").path("bindHost").asText()).isEqualTo("0.0.0.0");
        assertThat(config.path("server").path("adminContextPath").asText()).isEqualTo("/admin");
        assertThat(container.path("args").toString()).isEqualTo("[\"server\",\"/etc/serialgate/" + service + ".yml\"]");
        assertThat(pod.path("spec").path("volumes").findValuesAsText("name")).contains(configMap.path("metadata").path("name").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "consoleauth", "serialproxy"})
    void secretsComeFromTheSecretNotTheConfigMap(String service) throws IOException {
        Map<String, JsonNode> byKind = byKind(K8S.resolve(service + ".yaml"));
        String configText = byKind.get("ConfigMap").path("data").path(service + ".yml").asText();
        JsonNode config = YAML.readTree(configText);
        assertThat(config.path("service_auth").path("secret").asText()).isEqualTo("${SERIALGATE_SERVICE_SECRET}");
        if (config.has("database")) {
            assertThat(config.path("database").path("password").asText()).isEqualTo("${SERIALGATE_DB_PASSWORD}");
        }

        JsonNode pod = byKind.get("Deployment").path("spec").path("template").path("spec");
        List<JsonNode> containers = new ArrayList<>();
        pod.path("containers").forEach(containers::add);
        pod.path("initContainers").forEach(containers::add);
        Matcher placeholder = ENV_PLACEHOLDER.matcher(configText);
        Set<String> needed = new HashSet<>();
        while (placeholder.find()) {
            if (placeholder.group(2) == null) {
                needed.add(placeholder.group(1)); // no default: must be set
            }
        }
        for (JsonNode container : containers) {
            Map<String, JsonNode> env = new LinkedHashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            for (String variable : needed) {
                assertThat(env).as(container.path("name").asText() + " sets " + variable).containsKey(variable);
                if (variable.contains("SECRET") || variable.contains("PASSWORD") || variable.contains("KEY")) {
                    assertThat(env.get(variable).path("valueFrom").path("secretKeyRef").path("name").asText())
                            .as(variable + " from the Secret").isEqualTo("serialgate");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "consoleauth", "serialproxy"})
    void podsRunAsNonRootWithReadOnlyRootFileSystem(String service) throws IOException {
        JsonNode pod = byKind(K8S.resolve(service + ".yaml")).get("Deployment").path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
        List<JsonNode> containers = new ArrayList<>();
        pod.path("containers").forEach(containers::add);
        pod.path("initContainers").forEach(containers::add);
        for (JsonNode container : containers) {
            JsonNode security = container.path("securityContext");
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(container.path("name") + " read-only root").isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).as("writable /tmp for the JVM").contains("/tmp");
        }
        if (DATABASE_SERVICES.contains(service)) {
            assertThat(pod.path("initContainers").get(0).path("args").get(0).asText()).isEqualTo("migrate");
        }
    }

    @Test
    void readmeDescribesComputeDriverAsDaemonSet() throws IOException {
        String readme = Files.readString(K8S.resolve("README.md"));
        assertThat(readme).contains("kind: DaemonSet").contains("hostNetwork: true").contains("/run/libvirt/libvirt-sock");
    }

    @Test
    void defaultPortsMatchTheSampleConfigs() throws IOException {
        for (Map.Entry<String, Integer> service : defaultPorts().entrySet()) {
            Path sample = ROOT.resolve(service.getKey()).resolve("config").resolve(service.getKey() + ".yml");
            JsonNode config = YAML.readTree(Files.readString(sample));
            assertThat(config.path("server").path("connector").path("port").asInt()).as(sample.toString()).isEqualTo(service.getValue());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A unit's [Service]/[Unit] keys → their values in order (comments and sections dropped). */
    private static Map<String, List<String>> unitKeys(String service) throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SYSTEMD.resolve("serialgate-" + service + ".service"))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";") || trimmed.startsWith("[")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            keys.computeIfAbsent(trimmed.substring(0, equals), k -> new ArrayList<>()).add(trimmed.substring(equals + 1));
        }
        return keys;
    }

    private static List<JsonNode> documents(Path manifest) throws IOException {
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(manifest.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
            return documents;
        }
    }

    private static Map<String, JsonNode> byKind(Path manifest) throws IOException {
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        for (JsonNode document : documents(manifest)) {
            assertThat(byKind.put(document.path("kind").asText(), document)).as("one " + document.path("kind") + " in " + manifest).isNull();
        }
        return byKind;
    }

    private static Optional<Path> executable(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    private record Run(int exitCode, String output) {}

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish in 60 s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
