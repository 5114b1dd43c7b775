package io.serialgate.compute;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The {@code compute:} section: which host this process speaks for and how it runs servers. */
public final class ComputeOptions {

    public static final String SECTION = "compute";
    public static final List<String> DRIVERS = List.of("fake", "libvirt", "external");
    /** QEMU accepts more, but Nova's images never ask for more than a handful of serial ports. */
    public static final int MAX_SERIAL_PORTS_LIMIT = 32;

    @JsonProperty("host")
    private String host = localHostName();

    @JsonProperty("driver")
    private String driver = "fake";

    @JsonProperty("max_serial_ports")
    private int maxSerialPorts = 4;

    @JsonProperty("libvirt")
    private LibvirtOptions libvirt = new LibvirtOptions();

    public String host() { return host; }
    public String driver() { return driver; }
    public int maxSerialPorts() { return maxSerialPorts; }
    public LibvirtOptions libvirt() { return libvirt; }

    public ComputeOptions host(String value) { this.host = value; return this; }
    public ComputeOptions driver(String value) { this.driver = value; return this; }
    public ComputeOptions maxSerialPorts(int value) { this.maxSerialPorts = value; return this; }

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
        if ("libvirt".equals(driver)) {
            if (libvirt == null) {
                problems.add(LibvirtOptions.SECTION + ": must be a section, got null");
            } else {
                problems.addAll(libvirt.problems());
            }
        }
        return problems;
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
