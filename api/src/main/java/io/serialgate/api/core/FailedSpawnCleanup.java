package io.serialgate.api.core;

import io.dropwizard.lifecycle.Managed;
import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.SerialgateException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a compute host to destroy a server whose spawn failed, until the host confirms nothing is
 * left (204, or 404: never spawned or already rolled back). A spawn the api saw fail may still
 * have succeeded on the host: the host died or timed out after defining the server and before its
 * answer arrived. Without this the server would be ERROR here and running there, holding its
 * serial ports until someone deletes it. While the host is down (503) or still spawning the
 * server (409) the destroy is tried again, waiting twice as long each time up to
 * {@code maxDelay}, for at most {@code giveUpAfter}; after that (or an api restart) deleting the
 * ERROR server still cleans it up, since a delete always asks the host to destroy.
 *
 * <p>Threading: one scheduler thread runs every attempt, so a dead host never ties up request threads.
 */
public class FailedSpawnCleanup implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(FailedSpawnCleanup.class);

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration giveUpAfter;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "failed-spawn-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    public FailedSpawnCleanup(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.giveUpAfter = giveUpAfter;
    }

    /** Destroys the server on that compute host now, and again later until the host confirms. */
    public void destroy(ComputeClient compute, UUID instance) {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        scheduler.execute(() -> attempt(compute, instance, firstDelay, deadline, 1));
    }

    private void attempt(ComputeClient compute, UUID instance, Duration nextDelay, long deadline, int attempt) {
        try {
            compute.destroy(instance.toString());
            LOG.info("event=failed_spawn_destroyed instance={} attempt={}", instance, attempt);
        } catch (NotFoundException e) {
            LOG.info("event=failed_spawn_nothing_left instance={} attempt={}", instance, attempt);
        } catch (RuntimeException e) {
            if (System.nanoTime() + nextDelay.toNanos() > deadline) {
                LOG.warn("event=failed_spawn_cleanup_gave_up instance={} attempts={} reason={} fix=delete_the_server",
                        instance, attempt, reason(e));
                return;
            }
            LOG.info("event=failed_spawn_cleanup_retry instance={} attempt={} reason={} retry_in_ms={}",
                    instance, attempt, reason(e), nextDelay.toMillis());
            Duration after = nextDelay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : nextDelay.multipliedBy(2);
            try {
                scheduler.schedule(() -> attempt(compute, instance, after, deadline, attempt + 1),
                        nextDelay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                LOG.info("event=failed_spawn_cleanup_dropped instance={} reason=api_stopping", instance);
            }
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof SerialgateException s ? s.reason() : e.getClass().getSimpleName();
    }

    @Override
    public void start() {}

    @Override
    public void stop() {
        scheduler.shutdownNow();
    }
}
