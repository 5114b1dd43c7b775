package io.serialgate.serialproxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A real guest socket streaming a pattern into a pump whose sends complete late, on another thread. */
class GuestPumpTest {

    private static final int BYTES = 8 * 1024 * 1024;

    @Test
    void sendsEveryByteInOrderWithAtMostOneSendInFlight() throws Exception {
        ScheduledExecutorService browser = Executors.newSingleThreadScheduledExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
            channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort())).get();
            Socket guest = listener.accept();
            CompletableFuture<Void> streamed = CompletableFuture.runAsync(() -> {
                try (OutputStream out = guest.getOutputStream()) {
                    byte[] chunk = new byte[100_000];
                    for (int offset = 0; offset < BYTES; offset += chunk.length) {
                        int n = Math.min(chunk.length, BYTES - offset);
                        for (int i = 0; i < n; i++) {
                            chunk[i] = (byte) ((offset + i) % 251);
                        }
                        out.write(chunk, 0, n);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    try {
                        guest.close();
                    } catch (Exception ignored) {
                        // closing is all that is left to do
                    }
                }
            });
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger mostInFlight = new AtomicInteger();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Random random = new Random(42);
            GuestPump pump = new GuestPump(channel, new GuestPump.Sink() {
                @Override
                public void send(ByteBuffer chunk, Runnable sent) {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    byte[] bytes = new byte[chunk.remaining()];
                    chunk.duplicate().get(bytes);
                    synchronized (received) {
                        received.writeBytes(bytes);
                    }
                    // Some sends complete at once, on the reading thread; others later, elsewhere.
                    if (random.nextInt(3) == 0) {
                        inFlight.decrementAndGet();
                        sent.run();
                    } else {
                        browser.schedule(() -> {
                            inFlight.decrementAndGet();
                            sent.run();
                        }, random.nextInt(200), TimeUnit.MICROSECONDS);
                    }
                }

                @Override
                public void guestClosed() {
                    closed.complete(null);
                }

                @Override
                public void guestFailed(Throwable failure) {
                    closed.completeExceptionally(failure);
                }

                @Override
                public boolean finished() {
                    return closed.isDone();
                }
            });
            pump.start();
            streamed.get(30, TimeUnit.SECONDS);
            closed.get(30, TimeUnit.SECONDS);
            channel.close();

            byte[] bytes = received.toByteArray();
            assertThat(bytes).hasSize(BYTES);
            for (int i = 0; i < BYTES; i++) {
                if (bytes[i] != (byte) (i % 251)) {
                    throw new AssertionError("byte " + i + " is out of order");
                }
            }
            assertThat(mostInFlight.get()).isEqualTo(1);
        } finally {
            browser.shutdownNow();
        }
    }
}
