package io.serialgate.compute.core;

import io.dropwizard.lifecycle.Managed;
import io.serialgate.common.client.ApiInternalClient;
import io.serialgate.common.contract.ComputeHostHeartbeat;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the api every few seconds that this compute host is alive, where its internal REST API
 * answers and how many ports of its port_range are still free, so the api places servers only on
 * hosts it hears from.
 *
 * <p>A failing api never stops the service: each beat catches everything (an exception escaping a
 * scheduled task would cancel every later beat), and failures are logged once when they start and
 * once when they end, not every few seconds. Beats run on one daemon thread,
 * {@code compute-heartbeat}; nothing is sent until {@link #advertise(String)} gave the URL (with
 * an ephemeral server port it is known only once the server listens).
 */
public final class HostHeartbeat implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(HostHeartbeat.class);

    private final ApiInternalClient api;
    private final String apiUrl;
    private final String driver;
    private final PortAllocator allocator;
    private final int maxSerialPorts;
    private final Duration interval;
    private volatile String advertisedUrl;
    /** Set by {@link #stop()}: a beat it interrupts is not an api failure worth a log line. */
    private volatile boolean stopping;
    private ScheduledExecutorService scheduler;
    /** Null before the first beat; afterwards whether the last one reached the api. Guarded by this. */
    private Boolean lastDelivered;

    /**
     * @param apiUrl        the api's address, for log lines only
     * @param advertisedUrl this host's internal URL, or null until {@link #advertise(String)}
     */
    public HostHeartbeat(ApiInternalClient api, String apiUrl, String driver, PortAllocator allocator,
                         int maxSerialPorts, Duration interval, String advertisedUrl) {
        this.api = api;
        this.apiUrl = apiUrl;
        this.driver = driver;
        this.allocator = allocator;
        this.maxSerialPorts = maxSerialPorts;
        this.interval = interval;
        this.advertisedUrl = advertisedUrl;
    }

    /** Sets the URL this host is reached at and sends a beat right away (the api learns of us sooner). */
    public void advertise(String url) {
        this.advertisedUrl = url;
        ScheduledExecutorService running = scheduler;
        if (running != null && !running.isShutdown()) {
            running.execute(this::beat);
        }
    }

    @Override
    public void start() {
        stopping = false;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "compute-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("event=heartbeat_started api_url={} interval_seconds={}", apiUrl, interval.toSeconds());
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
            running.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Sends one heartbeat; true when the api took it. Never throws an exception: an unreachable
     * api, an error answer or a database failure are all "not delivered".
     */
    public synchronized boolean beat() {
        String url = advertisedUrl;
        if (url == null) {
            return false;
        }
        try {
            api.heartbeat(current(url));
            if (!Boolean.TRUE.equals(lastDelivered)) {
                LOG.info("event={} api_url={} host={} url={}", lastDelivered == null ? "heartbeat_delivered"
                        : "heartbeat_restored", apiUrl, allocator.host(), url);
            }
            lastDelivered = true;
            return true;
        } catch (RuntimeException e) {
            if (stopping) {
                return false;
            }
            if (!Boolean.FALSE.equals(lastDelivered)) {
                // Once per outage: the next line about the heartbeat says it is restored.
                LOG.warn("event=heartbeat_failed api_url={} host={} error={}", apiUrl, allocator.host(),
                        String.valueOf(e.getMessage()).replace('\n', ' '));
            }
            lastDelivered = false;
            return false;
        }
    }

    private ComputeHostHeartbeat current(String url) {
        int free = Math.max(0, allocator.range().size() - allocator.allocatedCount());
        return new ComputeHostHeartbeat(allocator.host(), url, driver, allocator.range().toString(), free,
                maxSerialPorts);
    }
}
