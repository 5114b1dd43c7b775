package io.serialgate.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Fake guest serial ports on loopback, one TCP listening port per serial port (the proxy allows
 * one writer per port), all served by one selector thread.
 * <ul>
 * <li>ECHO: every byte received is sent back (a shell echoing keystrokes). Reading stops while
 *     an echo is still being written, so a slow reader is back-pressured, never buffered.</li>
 * <li>BULK: from connect on, an endless stream of the {@link Pattern} (byte i = i mod 251), as
 *     fast as the reader takes it (a guest dumping a log); input is discarded.</li>
 * </ul>
 */
final class FakeSerialPorts implements AutoCloseable {

    enum Mode { ECHO, BULK }

    private static final int BULK_CHUNK = Pattern.PERIOD * 1000;

    private final Mode mode;
    private final Selector selector;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private static final class Peer {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
        int patternOffset;
        boolean echoPending;
    }

    FakeSerialPorts(Mode mode, int count) throws IOException {
        this.mode = mode;
        selector = Selector.open();
        for (int i = 0; i < count; i++) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            listeners.add(server);
            ports.add(((InetSocketAddress) server.getLocalAddress()).getPort());
        }
        thread = new Thread(this::run, "bench-fake-ports-" + mode.name().toLowerCase());
        thread.setDaemon(true);
        thread.start();
    }

    List<Integer> ports() {
        return ports;
    }

    private void run() {
        while (running) {
            try {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        handle(key);
                    } catch (IOException e) {
                        key.cancel();
                        key.channel().close();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println("bench: fake port error: " + e);
                }
            }
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            SocketChannel peer = ((ServerSocketChannel) key.channel()).accept();
            if (peer == null) {
                return;
            }
            peer.configureBlocking(false);
            peer.setOption(StandardSocketOptions.TCP_NODELAY, true);
            peer.register(selector, mode == Mode.ECHO ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE,
                    new Peer());
            return;
        }
        SocketChannel channel = (SocketChannel) key.channel();
        Peer peer = (Peer) key.attachment();
        if (mode == Mode.ECHO) {
            echo(key, channel, peer);
        } else {
            bulk(key, channel, peer);
        }
    }

    private void echo(SelectionKey key, SocketChannel channel, Peer peer) throws IOException {
        if (peer.echoPending) {
            channel.write(peer.buffer);
            if (peer.buffer.hasRemaining()) {
                return;
            }
            peer.echoPending = false;
            peer.buffer.clear();
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        int n = channel.read(peer.buffer);
        if (n < 0) {
            key.cancel();
            channel.close();
            return;
        }
        peer.buffer.flip();
        channel.write(peer.buffer);
        if (peer.buffer.hasRemaining()) {
            peer.echoPending = true;
            key.interestOps(SelectionKey.OP_WRITE); // stop reading until the echo went out
        } else {
            peer.buffer.clear();
        }
    }

    private void bulk(SelectionKey key, SocketChannel channel, Peer peer) throws IOException {
        if (key.isReadable()) {
            peer.buffer.clear();
            if (channel.read(peer.buffer) < 0) {
                key.cancel();
                channel.close();
                return;
            }
        }
        if (key.isValid() && key.isWritable()) {
            ByteBuffer chunk = Pattern.BYTES.duplicate();
            chunk.position(peer.patternOffset).limit(peer.patternOffset + BULK_CHUNK);
            int written = channel.write(chunk);
            peer.patternOffset = (peer.patternOffset + written) % Pattern.PERIOD;
        }
    }

    @Override
    public void close() {
        running = false;
        SelectorThreads.stop(selector, thread);
    }
}
