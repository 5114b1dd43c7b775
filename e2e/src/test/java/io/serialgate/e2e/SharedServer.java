package io.serialgate.e2e;

/**
 * The one server (tenant A, {@code hw_serial_port_count: 2}) that scenarios 1 to 4 share: booting
 * a QEMU guest under TCG costs seconds, and those scenarios leave its ports free again.
 */
final class SharedServer {

    private static String id;

    private SharedServer() {}

    static synchronized String id(E2eStack.Stack stack) throws Exception {
        if (id == null) {
            long started = System.nanoTime();
            id = stack.bootServer("e2e-shared", 2);
            System.out.printf("e2e: server %s (2 serial ports) ACTIVE in %.1f s%n", id, (System.nanoTime() - started) / 1e9);
        }
        return id;
    }
}
