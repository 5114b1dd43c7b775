package io.serialgate.common.app;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one background job on its own daemon thread (named after the job), every interval after
 * the previous run ends (fixed delay: runs never overlap). Started and stopped with the server.
 */
public final class PeriodicJob implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJob.class);

    private final String name;
    private final Duration interval;
    private final Runnable job;
    private ScheduledExecutorService executor;

    /** @param name the job's name in log lines and its thread's name */
    public PeriodicJob(String name, Duration interval, Runnable job) {
        this.name = name;
        this.interval = interval;
        this.job = job;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
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
                LOG.warn("event=job_stop_timeout job={}", name);
            }
        }
    }

    // An exception would cancel the schedule, so a failed run is logged here and the next one
    // still happens.
    private void runQuietly() {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.warn("event=job_failed job={} error={}", name, e.getClass().getSimpleName());
        }
    }
}
