package io.serialgate.compute;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serialgate.common.config.OptionDoc;
import java.util.ArrayList;
import java.util.List;

/** The {@code compute.libvirt:} section, read when {@code compute.driver} is {@code libvirt}. */
public final class LibvirtOptions {

    public static final String SECTION = ComputeOptions.SECTION + ".libvirt";
    private static final List<String> DOMAIN_TYPES = List.of("qemu", "kvm", "test");

    /** qemu:///system, qemu:///session, or test:///default (no daemon; for tests). */
    @OptionDoc("The libvirt connection: qemu:///system, qemu:///session, or test:///default (libvirt's daemon-less test driver, for tests).")
    @JsonProperty("uri")
    private String uri = "qemu:///system";

    /** qemu is TCG (works everywhere); kvm where /dev/kvm is usable. */
    @OptionDoc("qemu (TCG emulation, works everywhere) or kvm (where /dev/kvm is usable); test with the test driver.")
    @JsonProperty("domain_type")
    private String domainType = "qemu";

    @OptionDoc("The kernel every guest boots directly (required for qemu URIs); compute-driver/guest/build-test-guest.sh builds a small one.")
    @JsonProperty("kernel")
    private String kernel;

    @OptionDoc("The initramfs every guest boots (required for qemu URIs).")
    @JsonProperty("initrd")
    private String initrd;

    @OptionDoc("The guest kernel command line; console=ttyS0 puts the guest's console on serial port 0.")
    @JsonProperty("cmdline")
    private String cmdline = "console=ttyS0 panic=-1 quiet";

    @OptionDoc("Memory of each guest in MiB, 16-65536.")
    @JsonProperty("memory_mib")
    private int memoryMib = 128;

    /** Where QEMU (or virtlogd) keeps each serial port's output: {@code <uuid>-ttyS<N>.log}. */
    @OptionDoc("Directory where each serial port's output is kept as `INSTANCE_UUID-ttySN.log` (written by virtlogd or QEMU), served by the console log endpoint.")
    @JsonProperty("console_log_dir")
    private String consoleLogDir = "/var/log/serialgate/consoles";

    public String uri() { return uri; }
    public String domainType() { return domainType; }
    public String kernel() { return kernel; }
    public String initrd() { return initrd; }
    public String cmdline() { return cmdline; }
    public int memoryMib() { return memoryMib; }
    public String consoleLogDir() { return consoleLogDir; }

    public LibvirtOptions uri(String value) { this.uri = value; return this; }
    public LibvirtOptions domainType(String value) { this.domainType = value; return this; }
    public LibvirtOptions kernel(String value) { this.kernel = value; return this; }
    public LibvirtOptions initrd(String value) { this.initrd = value; return this; }
    public LibvirtOptions cmdline(String value) { this.cmdline = value; return this; }
    public LibvirtOptions memoryMib(int value) { this.memoryMib = value; return this; }
    public LibvirtOptions consoleLogDir(String value) { this.consoleLogDir = value; return this; }

    public boolean isTestDriver() {
        return uri != null && uri.startsWith("test://");
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (uri == null || !(uri.startsWith("qemu://") || uri.startsWith("qemu+") || isTestDriver())) {
            problems.add(SECTION + ".uri: must be a qemu:// or test:// libvirt URI, got '" + uri + "'");
        }
        if (domainType == null || !DOMAIN_TYPES.contains(domainType)) {
            problems.add(SECTION + ".domain_type: must be one of " + String.join(", ", DOMAIN_TYPES)
                    + ", got '" + domainType + "'");
        }
        if (!isTestDriver()) {
            // A QEMU guest boots the configured kernel and initramfs directly.
            if (kernel == null || kernel.isBlank()) {
                problems.add(SECTION + ".kernel: must name the guest kernel for " + uri);
            }
            if (initrd == null || initrd.isBlank()) {
                problems.add(SECTION + ".initrd: must name the guest initramfs for " + uri);
            }
        }
        if (memoryMib < 16 || memoryMib > 65536) {
            problems.add(SECTION + ".memory_mib: must be between 16 and 65536, got " + memoryMib);
        }
        if (consoleLogDir == null || consoleLogDir.isBlank()) {
            problems.add(SECTION + ".console_log_dir: must not be empty");
        }
        return problems;
    }
}
