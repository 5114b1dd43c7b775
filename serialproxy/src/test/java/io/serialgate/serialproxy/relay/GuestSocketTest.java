package io.serialgate.serialproxy.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Real guest sockets on a real {@link GuestConnector}: streaming, writing, refused and abandoned connects. */
class GuestSocketTest {

    private static final int BYTES = 8 * 1024 * 1024;

    private final GuestConnector connector = new GuestConnector();

    @org.junit.jupiter.api.BeforeEach
    void start() throws Exception {
        connector.start();
    }

    @org.junit.jupiter.api.AfterEach
    void stop() throws Exception {
        connector.stop();
    }

    private GuestSocket connectTo(ServerSocket listener) throws Exception {
        return connector.connect("127.0.0.1", listener.getLocalPort()).connected().get(10, TimeUnit.SECONDS);
    }

    /** A guest streaming a pattern into a sink whose sends complete sometimes at once, sometimes later elsewhere. */
    @org.junit.jupiter.params.ParameterizedTest(name = "reads may block: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void sendsEveryByteInOrderWithAtMostOneSendInFlight(boolean mayBlock) throws Exception {
        ScheduledExecutorService browser = Executors.newSingleThreadScheduledExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GuestSocket socket = connectTo(listener);
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
            socket.start(new GuestSocket.Sink() {
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
            }, mayBlock);
            streamed.get(30, TimeUnit.SECONDS);
            closed.get(30, TimeUnit.SECONDS);
            socket.close();

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

    /** Browser input reaches the guest in order, each write completing before the next starts. */
    @Test
    void writesReachTheGuestInOrder() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GuestSocket socket = connectTo(listener);
            try (Socket guest = listener.accept()) {
                StringBuilder typed = new StringBuilder();
                for (int i = 0; i < 200; i++) {
                    String key = "key" + i + ";";
                    typed.append(key);
                    CompletableFuture<Void> written = new CompletableFuture<>();
                    socket.write(ByteBuffer.wrap(key.getBytes(StandardCharsets.US_ASCII)),
                            org.eclipse.jetty.util.Callback.from(written));
                    written.get(10, TimeUnit.SECONDS);
                }
                socket.close();
                InputStream in = guest.getInputStream();
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(typed.toString());
            }
        }
    }

    /** A port nobody listens on: the connect fails, it does not hang. */
    @Test
    void refusedConnectFails() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = unused.getLocalPort();
        }
        CompletableFuture<GuestSocket> connected = connector.connect("127.0.0.1", port).connected();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> connected.get(10, TimeUnit.SECONDS)))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectException.class);
    }

    /** Closing a console whose guest connect is still in flight closes the socket once it connects. */
    @Test
    void closeBeforeTheConnectCompletesClosesTheSocket() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GuestConnection connection = connector.connect("127.0.0.1", listener.getLocalPort());
            connection.close();
            try (Socket guest = listener.accept()) {
                guest.setSoTimeout(10_000);
                assertThat(guest.getInputStream().read()).isEqualTo(-1); // the proxy's end was closed
            }
        }
    }
}
