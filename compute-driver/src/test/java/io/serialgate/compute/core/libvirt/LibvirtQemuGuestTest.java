package io.serialgate.compute.core.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.serialgate.common.config.PortRange;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.compute.LibvirtOptions;
import io.serialgate.compute.core.InstanceSpec;
import io.serialgate.compute.core.PortAllocator;
import io.serialgate.compute.core.PortProbe;
import io.serialgate.compute.core.fake.SerialConsoleClient;
import io.serialgate.compute.db.TestJdbi;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A real QEMU guest through a real libvirt daemon: boot, type on its serial TCP port, read the
 * answer, destroy, port released. Runs when {@code SERIALGATE_GUEST_KERNEL} and
 * {@code SERIALGATE_GUEST_INITRD} name the files compute-driver/guest/build-test-guest.sh writes and
 * {@code qemu:///system} answers (see ../shared/LIBVIRT.md); otherwise it is skipped, saying why.
 */
class LibvirtQemuGuestTest {

    private static final String URI = System.getenv().getOrDefault("SERIALGATE_LIBVIRT_URI", "qemu:///system");

    @Test
    void bootTypeEchoOkAndDestroy() throws Exception {
        String kernel = System.getenv("SERIALGATE_GUEST_KERNEL");
        String initrd = System.getenv("SERIALGATE_GUEST_INITRD");
        assumeTrue(kernel != null && Files.isReadable(Path.of(kernel)) && initrd != null
                && Files.isReadable(Path.of(initrd)), "SERIALGATE_GUEST_KERNEL/INITRD not set to readable files");
        assumeTrue(LibvirtConnector.reachable(URI), URI + " is not reachable");

        String host = "qemu-test-" + UUID.randomUUID();
        PortAllocator allocator = new PortAllocator(TestJdbi.freshMigrated(), host, PortRange.parse("26000:26099"),
                new PortProbe(InetAddress.getLoopbackAddress()));
        Path logs = Files.createTempDirectory("serialgate-qemu-logs");
        LibvirtOptions options = new LibvirtOptions().uri(URI).domainType("qemu").kernel(kernel).initrd(initrd)
                .consoleLogDir(logs.toString());
        LibvirtDriver driver = new LibvirtDriver(options, LibvirtConnector.forUri(URI), allocator, "127.0.0.1");
        driver.start();
        String id = UUID.randomUUID().toString();
        try {
            long start = System.nanoTime();
            driver.spawn(new InstanceSpec(id, "qemu-guest", 2));
            SerialConsoleEndpoint ttyS0 = driver.serialConsole(id, 0);
            try (SerialConsoleClient console = new SerialConsoleClient(ttyS0.host(), ttyS0.port(), 60_000)) {
                console.type("\r");
                console.readUntil("# "); // busybox also sends ESC[6n after its prompt: match loosely
                System.out.printf("BENCHMARK guest boot_to_prompt_seconds=%.1f%n", (System.nanoTime() - start) / 1e9);
                console.type("echo o''k\r");
                console.readUntil("ok");
            }
            // The <log> kept what the guest wrote on ttyS0, our typing's echo included.
            assertTrue(driver.consoleLog(id, 0, 1000).output().contains("echo o''k"));
            driver.destroy(id);
            assertEquals(0, allocator.portsOf(id).size());
            assertThrows(IOException.class, () -> new SerialConsoleClient(ttyS0.host(), ttyS0.port()).readUntil("x"));
        } finally {
            if (!allocator.portsOf(id).isEmpty()) {
                driver.destroy(id);
            }
            driver.stop();
        }
    }
}
