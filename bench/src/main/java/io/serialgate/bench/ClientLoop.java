package io.serialgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The load client's one thread: a selector over every client connection (raw TCP or websocket,
 * see {@link Conn}) plus a timer queue, so thousands of sessions cost no thread each and the
 * client measures the target, not itself. All {@link Conn} methods and timer callbacks run on
 * this thread; other threads hand work over with {@link #execute}.
 */
final class ClientLoop implements AutoCloseable {

    private record Timer(long atNanos, long seq, Runnable task) {}

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
            ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.seq, b.seq));
    /** Shared by every connection: data is handled before the next read. */
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(512 * 1024);
    private long timerSeq;
    private volatile boolean running = true;

    ClientLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, "bench-client-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs the task on the loop thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Loop thread only: runs the task at (or just after) the given System.nanoTime(). */
    void schedule(long atNanos, Runnable task) {
        timers.add(new Timer(atNanos, timerSeq++, task));
    }

    /** Loop thread only: starts a connection; the handler hears of it from then on. */
    Conn connect(InetSocketAddress address, Conn.Handler handler, Conn.Upgrade upgrade) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn conn = new Conn(this, channel, handler, upgrade);
            boolean now = channel.connect(address);
            conn.key = channel.register(selector, now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, conn);
            if (now) {
                conn.connected();
            }
            return conn;
        } catch (IOException e) {
            Conn failed = new Conn(this, null, handler, upgrade);
            handler.closed(failed, "connect failed: " + e.getMessage());
            return failed;
        }
    }

    private void run() {
        while (running) {
            try {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                long now = System.nanoTime();
                while (!timers.isEmpty() && timers.peek().atNanos <= now) {
                    timers.poll().task.run();
                }
                long waitNanos = timers.isEmpty() ? 100_000_000L : timers.peek().atNanos - System.nanoTime();
                int ready;
                if (!tasks.isEmpty() || waitNanos <= 0) {
                    ready = selector.selectNow();
                } else {
                    // Never spin until a sub-millisecond timer: at 100 sessions × 20 keys/s one is
                    // always due within a millisecond, and spinning took a whole core of this
                    // 2-core machine from the target (measured: the client at 106 % CPU). A key
                    // typed up to a millisecond late changes nothing measured: an echo's time runs
                    // from the moment its key was written.
                    ready = selector.select(Math.max(1, waitNanos / 1_000_000L));
                }
                if (ready > 0) {
                    for (SelectionKey key : selector.selectedKeys()) {
                        ((Conn) key.attachment()).ready(key);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println("bench: client loop error: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        SelectorThreads.stop(selector, thread);
    }
}
