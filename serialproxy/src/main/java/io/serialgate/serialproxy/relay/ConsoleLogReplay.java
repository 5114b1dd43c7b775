package io.serialgate.serialproxy.relay;

import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.contract.ComputeConsoleLogContract;
import io.serialgate.common.contract.ConsoleLog;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.error.SerialgateException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * serialproxy.replay_log_bytes: the recent console log, fetched from compute-driver while the
 * guest socket connects and sent to a new console before its live output, so the user sees the
 * screen's context. Best effort: a failure or a slow compute-driver only means no replay.
 */
public final class ConsoleLogReplay {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLogReplay.class);

    /** Replay off: completes at once with nothing. */
    public static final ConsoleLogReplay OFF = new ConsoleLogReplay(null, 0, Duration.ZERO, Runnable::run);

    /** Lines to ask for per byte wanted: serial output lines are rarely shorter than 16 bytes. */
    private static final int BYTES_PER_LINE_GUESS = 16;

    private final ComputeClient compute;
    private final int maxBytes;
    private final Duration wait;
    private final Executor executor;

    public ConsoleLogReplay(ComputeClient compute, int maxBytes, Duration wait, Executor executor) {
        this.compute = compute;
        this.maxBytes = maxBytes;
        this.wait = wait;
        this.executor = executor;
    }

    public boolean enabled() {
        return maxBytes > 0 && compute != null;
    }

    /** The last replay_log_bytes bytes of the port's log, or an empty array (never fails). */
    public CompletableFuture<byte[]> fetch(TokenBinding binding) {
        if (!enabled()) {
            return CompletableFuture.completedFuture(new byte[0]);
        }
        int lines = (int) Math.min(ComputeConsoleLogContract.MAX_LINES, Math.max(1L, maxBytes / BYTES_PER_LINE_GUESS + 1));
        CompletableFuture<byte[]> fetched;
        try {
            fetched = CompletableFuture.supplyAsync(() -> {
                ConsoleLog log = compute.consoleLog(binding.instanceUuid(), binding.portIndex(), lines);
                return tail(log.output(), maxBytes);
            }, executor);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            fetched = CompletableFuture.failedFuture(e); // too many consoles opening at once: go live without it
        }
        return fetched
                .completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> {
                    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                    LOG.info("event=replay_skipped instance={} port_index={} cause={}", binding.instanceUuid(),
                            binding.portIndex(), cause instanceof SerialgateException e ? e.reason()
                                    : cause.getClass().getSimpleName());
                    return new byte[0];
                })
                .thenApply(bytes -> {
                    if (bytes == null) {
                        LOG.info("event=replay_skipped instance={} port_index={} cause=timeout", binding.instanceUuid(),
                                binding.portIndex());
                        return new byte[0];
                    }
                    return bytes;
                });
    }

    /** The last {@code max} bytes of the text's UTF-8, starting on a character boundary. */
    static byte[] tail(String text, int max) {
        if (text == null || text.isEmpty()) {
            return new byte[0];
        }
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        if (all.length <= max) {
            return all;
        }
        int from = all.length - max;
        while (from < all.length && (all[from] & 0xC0) == 0x80) {
            from++; // a continuation byte: the character began before the cut
        }
        return Arrays.copyOfRange(all, from, all.length);
    }
}
