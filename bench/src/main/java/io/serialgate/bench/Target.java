package io.serialgate.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the load client connects through to a fake serial port. */
interface Target extends AutoCloseable {

    String name();

    /** Loop thread: opens one session to the fake serial port listening on {@code serialPort}. */
    Conn connect(ClientLoop loop, int serialPort, Conn.Handler handler);

    /** The echo ports this target can reach, in the benchmark's order: all of them unless it relays fewer. */
    default java.util.List<Integer> echoPorts(java.util.List<Integer> all) {
        return all;
    }

    /** Memory the target holds now, in bytes (RSS; PSS summed over forked children); -1 when not applicable. */
    long memoryBytes();

    @Override
    void close();

    /**
     * Stops the target and starts it again (a fresh process, heap and allocator unused), so memory
     * per session is measured above a truly idle target; false when the target cannot.
     */
    default boolean restart() throws IOException, InterruptedException {
        return false;
    }

    /** The target's main process, when it runs in one of its own (its CPU time tells when it is quiet). */
    default ProcessHandle process() {
        return null;
    }

    /**
     * Reads what the processes behind the target (serialproxy's control plane) have spent so far,
     * so a connect's whole cost can be told apart from the relay's; null when there are none. The
     * processes are found once, when this is called: keep the meter for the before and the after.
     */
    default java.util.function.Supplier<BackendWork> backendMeter() {
        return null;
    }

    /**
     * Waits (at most 30 s) until the target's process used under 5 % of one core over half a
     * second: work a phase left behind (5,000 sessions reporting their end to consoleauth, a
     * collection) must not land in the next phase's numbers.
     */
    default void settle() throws InterruptedException {
        ProcessHandle handle = process();
        if (handle == null) {
            return;
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        long before = cpuNanos(handle);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = cpuNanos(handle);
            if (now - before < 25_000_000L) {
                return;
            }
            before = now;
        }
    }

    private static long cpuNanos(ProcessHandle handle) {
        return handle.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:port. */
    static void awaitListening(int port, Process process, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IOException("process exited with " + process.exitValue() + " before listening on " + port);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("nothing listening on 127.0.0.1:" + port + " after " + timeoutMillis + " ms");
    }

    /** True when nothing is bound to 127.0.0.1:port now. */
    static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Resident memory of a process (VmRSS), or of a process and its children (their PSS, so shared pages count once). */
    static long memoryOf(long pid, boolean withChildren) {
        if (!withChildren) {
            return procField(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
        }
        long total = procField(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
        List<ProcessHandle> children = ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of());
        for (ProcessHandle child : children) {
            long pss = procField(Path.of("/proc", Long.toString(child.pid()), "smaps_rollup"), "Pss:");
            total += Math.max(0, pss);
        }
        return total;
    }

    private static long procField(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the process is gone
        }
        return -1;
    }

    /** The physical limit: the client straight on the fake port's TCP socket. */
    final class Direct implements Target {
        @Override
        public String name() {
            return "direct TCP";
        }

        @Override
        public Conn connect(ClientLoop loop, int serialPort, Conn.Handler handler) {
            return loop.connect(new InetSocketAddress("127.0.0.1", serialPort), handler, null);
        }

        @Override
        public long memoryBytes() {
            return -1;
        }

        @Override
        public void close() {}
    }
}
