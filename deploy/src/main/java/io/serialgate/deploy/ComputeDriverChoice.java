package io.serialgate.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.libvirt.Connect;

/**
 * Which compute driver the all-in-one runs: libvirt when a libvirt daemon answers on
 * {@code qemu:///system} and the test guest (kernel + initramfs) has been built, else fake; the
 * reason is shown to the user either way.
 */
record ComputeDriverChoice(String driver, String reason, Path guestDirectory) {

    static final String LIBVIRT_URI = "qemu:///system";

    static ComputeDriverChoice choose(String requested, Path guestDirectory) {
        Path guest = guestDirectory.toAbsolutePath();
        if ("fake".equals(requested)) {
            return new ComputeDriverChoice("fake", "as asked", guest);
        }
        String unavailable = libvirtUnavailableReason(guest);
        if (unavailable == null) {
            return new ComputeDriverChoice("libvirt", "QEMU guests through " + LIBVIRT_URI, guest);
        }
        if ("libvirt".equals(requested)) {
            throw new IllegalStateException("--compute-driver libvirt: " + unavailable);
        }
        return new ComputeDriverChoice("fake", "simulated guests; libvirt not used: " + unavailable, guest);
    }

    private static String libvirtUnavailableReason(Path guest) {
        if (!Files.isReadable(guest.resolve("vmlinuz")) || !Files.isReadable(guest.resolve("initrd.gz"))) {
            return "no test guest in " + guest + " (build it: compute-driver/guest/build-test-guest.sh)";
        }
        try {
            Connect connect = new Connect(LIBVIRT_URI, true);
            connect.close();
            return null;
        } catch (Throwable e) { // LibvirtException, or UnsatisfiedLinkError without libvirt0
            return "libvirt does not answer on " + LIBVIRT_URI + " (as root: bin/libvirt-up)";
        }
    }
}
