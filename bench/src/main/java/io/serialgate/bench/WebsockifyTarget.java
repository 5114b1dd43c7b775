package io.serialgate.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's websockify with {@code --token-plugin TokenFile}: what nova-serialproxy runs on. Its
 * token file names every fake serial port ({@code p<port>: 127.0.0.1:<port>}); there is no
 * token service behind it, so its connect time has no token round trip.
 */
final class WebsockifyTarget extends ProcessTreeTarget {

    static final Path BINARY = Path.of("/usr/bin/websockify");

    private final int port;

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    WebsockifyTarget(Collection<Integer> serialPorts, Path workDir) throws IOException, InterruptedException {
        port = Target.freePort();
        Files.createDirectories(workDir);
        Path tokens = workDir.resolve("websockify-tokens");
        Files.writeString(tokens, serialPorts.stream().map(p -> "p" + p + ": 127.0.0.1:" + p)
                .collect(Collectors.joining("\n", "", "\n")));
        started(ProcessTree.start(new ProcessBuilder(List.of(BINARY.toString(), "--token-plugin", "TokenFile", "--token-source",
                tokens.toString(), "127.0.0.1:" + port))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("websockify.log").toFile()), List.of(port)));
    }

    @Override
    public String name() {
        return "websockify";
    }

    @Override
    public Conn connect(ClientLoop loop, int serialPort, Conn.Handler handler) {
        return loop.connect(new InetSocketAddress("127.0.0.1", port), handler,
                new Conn.Upgrade("127.0.0.1:" + port, "/?token=p" + serialPort, "binary"));
    }
}
