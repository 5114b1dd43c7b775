package io.serialgate.serialproxy.relay;

import io.dropwizard.lifecycle.Managed;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every open console websocket of this proxy. One timer thread ticks them all once a second
 * (keepalive pings, idle timeout) instead of a timer per console; on shutdown every console is
 * closed with 1001 "proxy shutting down" before the connectors go away.
 */
public final class ConsoleRegistry implements Managed, LifeCycle.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRegistry.class);

    private final Set<ConsoleEndpoint> open = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private volatile boolean stopping;

    public void add(ConsoleEndpoint endpoint) {
        open.add(endpoint);
        if (stopping) {
            endpoint.end(CloseReasons.SHUTTING_DOWN, CloseReasons.SHUTTING_DOWN_TEXT);
        }
    }

    public void remove(ConsoleEndpoint endpoint) {
        open.remove(endpoint);
    }

    public long count(ConsoleEndpoint.Role role) {
        return open.stream().filter(e -> e.role() == role).count();
    }

    public boolean isStopping() {
        return stopping;
    }

    @Override
    public void start() {
        stopping = false;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "serialproxy-console-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tickAll, 1, 1, TimeUnit.SECONDS);
    }

    private void tickAll() {
        long now = System.nanoTime();
        for (ConsoleEndpoint endpoint : open) {
            try {
                endpoint.tick(now);
            } catch (RuntimeException e) {
                LOG.warn("event=console_tick_failed cause={}", e.getClass().getSimpleName());
            }
        }
    }

    /** Jetty server stopping (before its connectors close): close every console cleanly. */
    @Override
    public void lifeCycleStopping(LifeCycle event) {
        closeAll();
    }

    @Override
    public void stop() {
        closeAll();
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void closeAll() {
        stopping = true;
        int n = open.size();
        for (ConsoleEndpoint endpoint : open) {
            endpoint.end(CloseReasons.SHUTTING_DOWN, CloseReasons.SHUTTING_DOWN_TEXT);
        }
        if (n > 0) {
            LOG.info("event=consoles_closed_for_shutdown count={}", n);
            // Give the close frames a moment to leave before the connectors are torn down.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
