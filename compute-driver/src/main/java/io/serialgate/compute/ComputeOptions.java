package io.serialgate.compute;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serialgate.common.config.OptionDoc;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The {@code compute:} section: which host this process speaks for and how it runs servers. */
public final class ComputeOptions {

    public static final String SECTION = "compute";
    public static final List<String> DRIVERS = List.of("fake", "libvirt", "external");
    /** QEMU accepts more, but Nova's images never ask for more than a handful of serial ports. */
    public static final int MAX_SERIAL_PORTS_LIMIT = 32;

    /** Longest heartbeat interval accepted: the api counts a host down after a few missed beats. */
    public static final int MAX_HEARTBEAT_SECONDS = 300;

    @OptionDoc(value = "Name of this compute host: port allocations and servers are kept per host, and the api "
            + "places servers by this name.", defaultText = "the machine's host name")
    @JsonProperty("host")
    private String host = localHostName();

    @OptionDoc("How servers run: fake (simulated guests with a small shell on each serial port), libvirt "
            + "(QEMU guests, serial ports as TCP sockets) or external (consoles that already exist as TCP "
            + "endpoints: ser2net, terminal servers, IPMI SOL via socat).")
    @JsonProperty("driver")
    private String driver = "fake";

    @OptionDoc("Upper bound of the image property hw_serial_port_count (alias serial_ports), 1-32.")
    @JsonProperty("max_serial_ports")
    private int maxSerialPorts = 4;

    @OptionDoc(value = "The URL the api uses to reach this host's internal REST API, sent in every heartbeat.",
            defaultText = "`http://BINDHOST:PORT` of server.connector (127.0.0.1 when bindHost is unset or a wildcard)")
    @JsonProperty("advertise_url")
    private String advertiseUrl;

    @OptionDoc("Seconds between two heartbeats to the api (internal.api_url); 0 turns the heartbeat off. "
            + "No heartbeat is sent either when the internal section is absent.")
    @JsonProperty("heartbeat_seconds")
    private int heartbeatSeconds = 5;

    @OptionDoc(value = "The compute.libvirt section, read when driver is libvirt.", defaultText = "see compute.libvirt")
    @JsonProperty("libvirt")
    private LibvirtOptions libvirt = new LibvirtOptions();

    public String host() { return host; }
    public String driver() { return driver; }
    public int maxSerialPorts() { return maxSerialPorts; }
    public LibvirtOptions libvirt() { return libvirt; }
    /** Null when not configured: the application then derives it from the server connector. */
    public String advertiseUrl() { return advertiseUrl; }
    public int heartbeatSeconds() { return heartbeatSeconds; }

    public ComputeOptions host(String value) { this.host = value; return this; }
    public ComputeOptions driver(String value) { this.driver = value; return this; }
    public ComputeOptions maxSerialPorts(int value) { this.maxSerialPorts = value; return this; }
    public ComputeOptions advertiseUrl(String value) { this.advertiseUrl = value; return this; }
    public ComputeOptions heartbeatSeconds(int value) { this.heartbeatSeconds = value; return this; }

    /** Every invalid value, one line each naming the option; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add(SECTION + ".host: must not be empty");
        }
        if (driver == null || !DRIVERS.contains(driver)) {
            problems.add(SECTION + ".driver: must be one of " + String.join(", ", DRIVERS) + ", got '" + driver + "'");
        }
        if (maxSerialPorts < 1 || maxSerialPorts > MAX_SERIAL_PORTS_LIMIT) {
            problems.add(SECTION + ".max_serial_ports: must be between 1 and " + MAX_SERIAL_PORTS_LIMIT
                    + ", got " + maxSerialPorts);
        }
        if (advertiseUrl != null && !isHttpUrl(advertiseUrl)) {
            problems.add(SECTION + ".advertise_url: must be an absolute http(s) URL, got '" + advertiseUrl + "'");
        }
        if (heartbeatSeconds < 0 || heartbeatSeconds > MAX_HEARTBEAT_SECONDS) {
            problems.add(SECTION + ".heartbeat_seconds: must be between 0 (off) and " + MAX_HEARTBEAT_SECONDS
                    + ", got " + heartbeatSeconds);
        }
        if ("libvirt".equals(driver)) {
            if (libvirt == null) {
                problems.add(LibvirtOptions.SECTION + ": must be a section, got null");
            } else {
                problems.addAll(libvirt.problems());
            }
        }
        return problems;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && List.of("http", "https").contains(uri.getScheme());
        } catch (Exception e) {
            return false;
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host without a resolvable name still needs a stable one; the operator can set it.
            return "localhost";
        }
    }
}
