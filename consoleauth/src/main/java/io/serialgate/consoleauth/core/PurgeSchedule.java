package io.serialgate.consoleauth.core;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ExpiredTokenPurger} on its own single daemon thread, every interval after the
 * previous run ends (fixed delay: runs never overlap). Started and stopped with the server.
 */
public final class PurgeSchedule implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(PurgeSchedule.class);

    private final ExpiredTokenPurger purger;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public PurgeSchedule(ExpiredTokenPurger purger, Duration interval) {
        this.purger = purger;
        this.interval = interval;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consoleauth-token-purge");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("event=token_purge_stop_timeout");
            }
        }
    }

    // A failed run must not cancel the schedule (an exception would), so it is swallowed here;
    // the purger has already logged it and the health check reports it.
    private void runQuietly() {
        try {
            purger.purgeOnce();
        } catch (RuntimeException ignored) {
            // logged by the purger
        }
    }
}
