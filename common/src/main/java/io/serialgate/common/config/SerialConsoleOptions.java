package io.serialgate.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code [serial_console]} options of the serial-ports blueprint: exactly these twelve names,
 * types and defaults, shared by every serialgate service. Unknown keys are rejected by the
 * configuration loader; {@link #problems()} checks the values.
 */
public final class SerialConsoleOptions {

    public static final String SECTION = "serial_console";

    @OptionDoc("Whether the api hands out serial console URLs. When false, asking for one answers `400 Unavailable console type serial.`")
    @JsonProperty("enabled")
    private boolean enabled = false;

    @OptionDoc("Where browsers reach serialproxy; the api appends `?token=...` to it. An absolute http(s) or ws(s) URL.")
    @JsonProperty("base_url")
    private String baseUrl = "http://127.0.0.1:6083/serial.html";

    @OptionDoc("The address serialproxy listens on (overrides the connector's bindHost).")
    @JsonProperty("listen")
    private String listen = "0.0.0.0";

    @OptionDoc("The address on the compute host where serial ports listen and where serialproxy connects to them.")
    @JsonProperty("proxyclient_address")
    private String proxyclientAddress = "127.0.0.1";

    @OptionDoc("The TCP ports serial ports are allocated from on each compute host, `MIN:MAX` within 1-65535.")
    @JsonProperty("port_range")
    private String portRange = "10000:20000";

    @OptionDoc("Record console sessions (serialproxy).")
    @JsonProperty("record")
    private boolean record = false;

    @OptionDoc("Accepted for Nova compatibility. serialgate services run in the foreground under systemd (see deploy/systemd); the flag does not fork.")
    @JsonProperty("daemon")
    private boolean daemon = false;

    @OptionDoc("serialproxy accepts only TLS (https/wss); requires a readable `cert` (and `key` when set).")
    @JsonProperty("ssl_only")
    private boolean sslOnly = false;

    @OptionDoc("Whether the serial ports' source addresses are IPv6.")
    @JsonProperty("source_is_ipv6")
    private boolean sourceIsIpv6 = false;

    @OptionDoc("TLS certificate chain (PEM) for serialproxy.")
    @JsonProperty("cert")
    private String cert = "self.pem";

    @OptionDoc("TLS private key (PEM) for serialproxy, when it is not inside `cert`.")
    @JsonProperty("key")
    private String key = null;

    @OptionDoc("Folder of static files serialproxy serves; the terminal page bundled in the jar is used when the folder does not exist.")
    @JsonProperty("web")
    private String web = "/usr/share/serialproxy-static";

    public boolean enabled() { return enabled; }
    public String baseUrl() { return baseUrl; }
    public String listen() { return listen; }
    public String proxyclientAddress() { return proxyclientAddress; }
    public String portRangeText() { return portRange; }
    public boolean record() { return record; }
    public boolean daemon() { return daemon; }
    public boolean sslOnly() { return sslOnly; }
    public boolean sourceIsIpv6() { return sourceIsIpv6; }
    public String cert() { return cert; }
    public String key() { return key; }
    public String web() { return web; }

    /** The parsed {@code port_range}; call only on options whose {@link #problems()} is empty. */
    public PortRange portRange() {
        return PortRange.parse(portRange);
    }

    // Setters return this so command-line flags (serialproxy --listen, --record, ...) and tests
    // can override what the file said.
    public SerialConsoleOptions enabled(boolean value) { this.enabled = value; return this; }
    public SerialConsoleOptions baseUrl(String value) { this.baseUrl = value; return this; }
    public SerialConsoleOptions listen(String value) { this.listen = value; return this; }
    public SerialConsoleOptions proxyclientAddress(String value) { this.proxyclientAddress = value; return this; }
    public SerialConsoleOptions portRange(String value) { this.portRange = value; return this; }
    public SerialConsoleOptions record(boolean value) { this.record = value; return this; }
    public SerialConsoleOptions daemon(boolean value) { this.daemon = value; return this; }
    public SerialConsoleOptions sslOnly(boolean value) { this.sslOnly = value; return this; }
    public SerialConsoleOptions sourceIsIpv6(boolean value) { this.sourceIsIpv6 = value; return this; }
    public SerialConsoleOptions cert(String value) { this.cert = value; return this; }
    public SerialConsoleOptions key(String value) { this.key = value; return this; }
    public SerialConsoleOptions web(String value) { this.web = value; return this; }

    /**
     * Every invalid value, one line each, naming the option and the value
     * ({@code serial_console.port_range: ...}). Empty when the options are usable.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            PortRange.parse(portRange);
        } catch (IllegalArgumentException e) {
            problems.add(option("port_range") + e.getMessage());
        }
        String urlProblem = baseUrlProblem(baseUrl);
        if (urlProblem != null) {
            problems.add(option("base_url") + urlProblem);
        }
        requireText(problems, "listen", listen);
        requireText(problems, "proxyclient_address", proxyclientAddress);
        requireText(problems, "web", web);
        if (sslOnly) {
            requireReadable(problems, "cert", cert);
            if (key != null) {
                requireReadable(problems, "key", key);
            }
        }
        return problems;
    }

    private static String option(String name) {
        return SECTION + "." + name + ": ";
    }

    private static String baseUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "must be an absolute http(s) or ws(s) URL, got an empty value";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            boolean knownScheme = scheme != null
                    && List.of("http", "https", "ws", "wss").contains(scheme.toLowerCase());
            if (!uri.isAbsolute() || !knownScheme || uri.getHost() == null) {
                return "must be an absolute http(s) or ws(s) URL, got '" + url + "'";
            }
            return null;
        } catch (Exception e) {
            return "must be an absolute http(s) or ws(s) URL, got '" + url + "'";
        }
    }

    private static void requireText(List<String> problems, String name, String value) {
        if (value == null || value.isBlank()) {
            problems.add(option(name) + "must not be empty");
        }
    }

    private static void requireReadable(List<String> problems, String name, String file) {
        if (file == null || file.isBlank()) {
            problems.add(option(name) + "ssl_only is true but no " + name + " file is set");
        } else if (!Files.isReadable(Path.of(file))) {
            problems.add(option(name) + "ssl_only is true but '" + file + "' is not a readable file");
        }
    }
}
