package io.serialgate.serialproxy.relay;

import io.serialgate.common.contract.TokenBinding;
import io.serialgate.serialproxy.core.PortClaims;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console: the websocket of one writer bridged to the TCP serial port of one guest.
 *
 * <p>Both directions are callback driven, so no thread is parked per console, and both are
 * naturally bounded: the guest socket is read again only after the previous chunk's websocket
 * send completed, and the next websocket frame is demanded only after the previous one was fully
 * written to the guest (auto-demand happens when the frame's callback completes). A slow side
 * therefore throttles the other instead of growing the proxy's memory.
 *
 * <p>Threads: {@code onWebSocket*} run on Jetty's threads; guest read/write completions run on the
 * JVM's default asynchronous channel group; websocket send completions on Jetty's threads.
 */
public final class SerialRelay implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(SerialRelay.class);
    private static final int GUEST_READ_BUFFER = 16 * 1024;

    private final TokenBinding binding;
    private final PortClaims.Claim claim;
    private final String remote;
    private final CompletableFuture<AsynchronousSocketChannel> guest = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicLong bytesToGuest = new AtomicLong();
    private final AtomicLong bytesToBrowser = new AtomicLong();
    private volatile AsynchronousSocketChannel channel;
    private volatile Session session;

    public SerialRelay(TokenBinding binding, PortClaims.Claim claim, String remote) {
        this.binding = binding;
        this.claim = claim;
        this.remote = remote;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        try {
            AsynchronousSocketChannel ch = AsynchronousSocketChannel.open();
            channel = ch;
            // Keystrokes are a byte or two each: send them now, not after Nagle's delay.
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.connect(new InetSocketAddress(binding.host(), binding.port()), ch, new Connected());
        } catch (IOException | RuntimeException e) {
            guest.completeExceptionally(e);
            finish(CloseReasons.GUEST_UNREACHABLE, CloseReasons.GUEST_UNREACHABLE_TEXT, e);
        }
    }

    /** Runs on the channel group's thread once the TCP connect to the guest ended. */
    private final class Connected implements CompletionHandler<Void, AsynchronousSocketChannel> {
        @Override
        public void completed(Void result, AsynchronousSocketChannel ch) {
            LOG.info("event=console_connected instance={} port_index={} guest={}:{} remote={}",
                    binding.instanceUuid(), binding.portIndex(), binding.host(), binding.port(), remote);
            guest.complete(ch);
            readGuest(ch, ByteBuffer.allocate(GUEST_READ_BUFFER));
        }

        @Override
        public void failed(Throwable failure, AsynchronousSocketChannel ch) {
            guest.completeExceptionally(failure);
            finish(CloseReasons.GUEST_UNREACHABLE, CloseReasons.GUEST_UNREACHABLE_TEXT, failure);
        }
    }

    /** Guest -> browser: read a chunk, send it as one binary frame, read again when sent. */
    private void readGuest(AsynchronousSocketChannel ch, ByteBuffer buffer) {
        if (finished.get()) {
            return;
        }
        ch.read(buffer, null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer n, Void unused) {
                if (n < 0) {
                    finish(CloseReasons.GUEST_CLOSED, CloseReasons.GUEST_CLOSED_TEXT, null);
                    return;
                }
                buffer.flip();
                bytesToBrowser.addAndGet(n);
                session.sendBinary(buffer, Callback.from(
                        () -> {
                            buffer.clear();
                            readGuest(ch, buffer);
                        },
                        failure -> finish(CloseReasons.GUEST_UNREACHABLE, "browser write failed", failure)));
            }

            @Override
            public void failed(Throwable failure, Void unused) {
                finish(CloseReasons.GUEST_UNREACHABLE, CloseReasons.GUEST_FAILED_TEXT, failure);
            }
        });
    }

    /** Browser -> guest: write the whole frame, then complete its callback (which demands the next). */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        guest.whenComplete((ch, failure) -> {
            if (failure != null) {
                callback.fail(failure);
            } else {
                writeGuest(ch, payload, callback);
            }
        });
    }

    /** Text frames (some generic websocket clients send typed text as text): UTF-8 bytes to the guest. */
    @Override
    public void onWebSocketText(String text) {
        // Auto-demand follows as soon as this returns, so wait for the write here to keep writes
        // to the guest strictly one at a time.
        CompletableFuture<Void> written = new CompletableFuture<>();
        onWebSocketBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)),
                Callback.from(() -> written.complete(null), written::completeExceptionally));
        try {
            written.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            finish(CloseReasons.GUEST_UNREACHABLE, CloseReasons.GUEST_FAILED_TEXT, e);
        }
    }

    private void writeGuest(AsynchronousSocketChannel ch, ByteBuffer payload, Callback callback) {
        int size = payload.remaining();
        ch.write(payload, null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer written, Void unused) {
                if (payload.hasRemaining()) {
                    ch.write(payload, null, this);
                    return;
                }
                bytesToGuest.addAndGet(size);
                callback.succeed();
            }

            @Override
            public void failed(Throwable failure, Void unused) {
                callback.fail(failure);
                finish(CloseReasons.GUEST_UNREACHABLE, CloseReasons.GUEST_FAILED_TEXT, failure);
            }
        });
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end("browser", statusCode, reason, null);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end("error", 1011, cause.getClass().getSimpleName(), cause);
    }

    /** Ends the console from the proxy's side: close the websocket with a code and reason the page shows. */
    private void finish(int code, String reason, Throwable cause) {
        if (end("proxy", code, reason, cause)) {
            Session s = session;
            if (s != null && s.isOpen()) {
                s.close(code, reason, Callback.NOOP);
            }
        }
    }

    /** Releases the guest socket and the port claim exactly once; true for the caller that did it. */
    private boolean end(String closedBy, int code, String reason, Throwable cause) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        AsynchronousSocketChannel ch = channel;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Already closed by the guest: nothing to release.
            }
        }
        claim.release();
        LOG.info("event=console_closed instance={} port_index={} closed_by={} code={} reason=\"{}\" "
                        + "bytes_to_guest={} bytes_to_browser={}{}",
                binding.instanceUuid(), binding.portIndex(), closedBy, code, reason,
                bytesToGuest.get(), bytesToBrowser.get(),
                cause == null ? "" : " cause=" + cause.getClass().getSimpleName());
        return true;
    }
}
