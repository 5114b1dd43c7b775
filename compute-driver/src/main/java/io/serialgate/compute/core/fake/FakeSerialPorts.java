package io.serialgate.compute.core.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every fake serial port of this compute host: TCP listeners that behave like QEMU's
 * {@code <serial type='tcp'>} with a {@link FakeShell} behind each one.
 *
 * <p>Like QEMU, a port serves one client at a time: while a client is connected the listener stops
 * accepting, so a second client's connection waits in the kernel's backlog and gets the banner
 * once the first leaves.
 *
 * <p>Threading: one selector thread ({@code fake-serial-ports}) does all socket I/O and is the
 * only thread that touches a port's state. Other threads bind listeners themselves (so a bind
 * failure reaches the caller) and hand everything else to the selector thread as a task.
 */
public final class FakeSerialPorts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeSerialPorts.class);
    private static final int BACKLOG = 8;
    /** Stop reading from a client that does not read our output once this much is queued. */
    private static final int OUTPUT_HIGH_WATER = 64 * 1024;
    private static final long TASK_TIMEOUT_SECONDS = 10;

    private final Selector selector;
    private final Thread loopThread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Port> ports = new ConcurrentHashMap<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(4096);
    private volatile boolean running = true;

    private FakeSerialPorts() throws IOException {
        this.selector = Selector.open();
        this.loopThread = new Thread(this::loop, "fake-serial-ports");
        this.loopThread.setDaemon(true);
    }

    public static FakeSerialPorts start() {
        try {
            FakeSerialPorts ports = new FakeSerialPorts();
            ports.loopThread.start();
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the fake serial ports", e);
        }
    }

    /**
     * Listens on {@code address:port} (port 0 picks a free one) as serial port {@code ttyIndex} of
     * guest {@code guestName}; returns the port it listens on.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public int open(InetAddress address, int port, String guestName, int ttyIndex) {
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open();
            // A guest that just left leaves sockets in TIME_WAIT; they must not block a restart.
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(address, port), BACKLOG);
            server.configureBlocking(false);
            int bound = ((InetSocketAddress) server.getLocalAddress()).getPort();
            Port entry = new Port(server, bound, guestName, ttyIndex);
            onLoop(() -> {
                entry.register();
                ports.put(bound, entry);
                return null;
            });
            LOG.info("event=fake_serial_port_opened guest={} tty=ttyS{} address={} port={}",
                    guestName, ttyIndex, address.getHostAddress(), bound);
            return bound;
        } catch (IOException e) {
            closeQuietly(server);
            throw new UncheckedIOException("cannot listen on " + address.getHostAddress() + ":" + port, e);
        } catch (RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
    }

    /** Whether a fake serial port listens on {@code port}. */
    public boolean isOpen(int port) {
        return ports.containsKey(port);
    }

    /** What the guest on {@code port} printed lately (the last {@value Transcript#CAPACITY} bytes); null when not open. */
    public byte[] transcript(int port) {
        Port entry = ports.get(port);
        return entry == null ? null : entry.transcript.snapshot();
    }

    /** Disconnects the client of {@code port}, if any, and stops listening; returns once the port is free. */
    public void close(int port) {
        onLoop(() -> {
            Port entry = ports.remove(port);
            if (entry != null) {
                entry.close();
                flushCancelledKeys();
                LOG.info("event=fake_serial_port_closed port={}", port);
            }
            return null;
        });
    }

    /** Closes every port and stops the selector thread. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        try {
            onLoop(() -> {
                for (Port entry : new ArrayList<>(ports.values())) {
                    entry.close();
                }
                ports.clear();
                running = false;
                return null;
            });
            loopThread.join(TimeUnit.SECONDS.toMillis(TASK_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private <T> T onLoop(Supplier<T> task) {
        if (!running) {
            throw new IllegalStateException("the fake serial ports are stopped");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        try {
            return result.get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the fake serial ports", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the fake serial port thread did not answer", e);
        }
    }

    /** Runs on the selector thread until {@link #close()}. */
    private void loop() {
        try {
            while (running) {
                selector.select();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid()) {
                        ((Handler) key.attachment()).ready(key);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.error("event=fake_serial_ports_failed error={}", e.toString());
            }
        }
    }

    /** A closed channel is only released once its key is deregistered, which the next select does. */
    private void flushCancelledKeys() {
        try {
            selector.selectNow();
        } catch (IOException e) {
            LOG.warn("event=fake_serial_ports_select_failed error={}", e.toString());
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    /** Something the selector thread calls when its key is ready. */
    private interface Handler {
        void ready(SelectionKey key);
    }

    /** One serial port: its listener, and the one client it serves now, if any. Selector thread only. */
    private final class Port {
        private final ServerSocketChannel server;
        private final int port;
        private final String guestName;
        private final int ttyIndex;
        private SelectionKey acceptKey;
        private SocketChannel client;
        private SelectionKey clientKey;
        private FakeShell shell;
        private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
        private int outputBytes;
        private final Transcript transcript = new Transcript();

        Port(ServerSocketChannel server, int port, String guestName, int ttyIndex) {
            this.server = server;
            this.port = port;
            this.guestName = guestName;
            this.ttyIndex = ttyIndex;
        }

        void register() {
            try {
                acceptKey = server.register(selector, SelectionKey.OP_ACCEPT, (Handler) key -> accept());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void accept() {
            SocketChannel accepted = null;
            try {
                accepted = server.accept();
                if (accepted == null) {
                    return;
                }
                accepted.configureBlocking(false);
                accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
                clientKey = accepted.register(selector, SelectionKey.OP_READ, (Handler) key -> clientReady(key));
            } catch (IOException e) {
                closeQuietly(accepted);
                LOG.warn("event=fake_serial_accept_failed port={} error={}", port, e.toString());
                return;
            }
            client = accepted;
            // One client at a time, as QEMU: the next connection waits in the backlog.
            acceptKey.interestOps(0);
            shell = new FakeShell(guestName, ttyIndex);
            LOG.info("event=fake_serial_client_connected guest={} port={}", guestName, port);
            send(shell.greeting());
        }

        private void clientReady(SelectionKey key) {
            try {
                if (key.isReadable()) {
                    readBuffer.clear();
                    int n = client.read(readBuffer);
                    if (n < 0) {
                        disconnect();
                        return;
                    }
                    if (n > 0) {
                        send(shell.feed(readBuffer.array(), 0, n));
                        return;
                    }
                }
                if (key.isValid() && key.isWritable()) {
                    flush();
                }
            } catch (IOException e) {
                disconnect();
            }
        }

        private void send(byte[] bytes) {
            transcript.append(bytes);
            if (bytes.length > 0) {
                output.add(ByteBuffer.wrap(bytes));
                outputBytes += bytes.length;
            }
            try {
                flush();
            } catch (IOException e) {
                disconnect();
            }
        }

        private void flush() throws IOException {
            while (!output.isEmpty()) {
                ByteBuffer head = output.peek();
                outputBytes -= client.write(head);
                if (head.hasRemaining()) {
                    break;
                }
                output.poll();
            }
            int interest = (outputBytes < OUTPUT_HIGH_WATER ? SelectionKey.OP_READ : 0)
                    | (output.isEmpty() ? 0 : SelectionKey.OP_WRITE);
            clientKey.interestOps(interest);
        }

        private void disconnect() {
            if (client == null) {
                return;
            }
            clientKey.cancel();
            closeQuietly(client);
            client = null;
            clientKey = null;
            shell = null;
            output.clear();
            outputBytes = 0;
            LOG.info("event=fake_serial_client_disconnected guest={} port={}", guestName, port);
            if (acceptKey.isValid()) {
                acceptKey.interestOps(SelectionKey.OP_ACCEPT);
            }
        }

        void close() {
            disconnect();
            if (acceptKey != null) {
                acceptKey.cancel();
            }
            closeQuietly(server);
        }
    }
}
