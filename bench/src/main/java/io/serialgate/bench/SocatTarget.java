package io.serialgate.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain TCP relay in C, Debian's socat: one listener per fake serial port, a process forked per
 * connection, select() and 64 KiB read()/write() in between; no websocket, no token. It is not a
 * console proxy but the floor under every relay: what a byte costs when it crosses one more
 * process and is copied twice more (into the relay and out of it) than on direct TCP, on the same
 * cores. A websocket relay, which also frames and checks tokens, cannot be expected to beat it.
 */
final class SocatTarget extends ProcessTreeTarget {

    static final Path BINARY = Path.of("/usr/bin/socat");

    /**
     * Listeners get ports below Linux's ephemeral range (32768 and up by default): a port the
     * kernel picked for bind(0) and that was closed again can be handed out again meanwhile, to
     * the next pick or to one of the benchmark's own connections, and hundreds of listeners met
     * "Address already in use".
     */
    static final int FIRST_RELAY_PORT = 24000;

    private final Map<Integer, Integer> relayPortBySerialPort = new HashMap<>();

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    SocatTarget(Collection<Integer> serialPorts, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        // One shell parents every listener, so the target is one process tree (its CPU time, its memory).
        StringBuilder script = new StringBuilder();
        int candidate = FIRST_RELAY_PORT;
        for (int serialPort : serialPorts) {
            while (!Target.isFree(candidate)) {
                candidate++;
            }
            int relayPort = candidate++;
            relayPortBySerialPort.put(serialPort, relayPort);
            script.append(BINARY).append(" -b 65536 TCP-LISTEN:").append(relayPort)
                    .append(",bind=127.0.0.1,fork,reuseaddr,backlog=4096,nodelay TCP:127.0.0.1:").append(serialPort)
                    .append(",nodelay &\n");
        }
        script.append("wait\n");
        // A file, not sh -c: hundreds of listeners exceed the kernel's limit on one argument.
        Path scriptFile = workDir.resolve("socat-relays.sh");
        Files.writeString(scriptFile, script);
        started(ProcessTree.start(new ProcessBuilder(List.of("/bin/sh", scriptFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("socat.log").toFile()), relayPortBySerialPort.values()));
    }

    @Override
    public String name() {
        return "socat (TCP relay)";
    }

    @Override
    public List<Integer> echoPorts(List<Integer> all) {
        return all.stream().filter(relayPortBySerialPort::containsKey).toList();
    }

    @Override
    public Conn connect(ClientLoop loop, int serialPort, Conn.Handler handler) {
        Integer relayPort = relayPortBySerialPort.get(serialPort);
        if (relayPort == null) {
            throw new IllegalArgumentException("no socat listener for serial port " + serialPort);
        }
        return loop.connect(new InetSocketAddress("127.0.0.1", relayPort), handler, null);
    }
}
