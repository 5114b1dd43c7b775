package io.serialgate.serialproxy.sessions;

import io.dropwizard.lifecycle.Managed;
import io.serialgate.common.client.ConsoleSessionsClient;
import io.serialgate.common.contract.ConsoleSessionContract;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.contract.OpenedSession;
import io.serialgate.common.contract.ProxyHeartbeat;
import io.serialgate.common.contract.ProxyHeartbeatAnswer;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.SerialgateException;
import io.serialgate.serialproxy.relay.CloseReasons;
import io.serialgate.serialproxy.relay.ConsoleEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This proxy's console sessions in consoleauth. Opening happens on the request thread before the
 * upgrade (it is the token check); ends are reported off the websocket threads on one thread, and
 * retried at the next heartbeat while consoleauth is unreachable, so a session never stays open
 * there after its websocket closed here.
 *
 * <p>ONE heartbeat per proxy every half second, whatever the session count: it renews the lease of all
 * this proxy's sessions and answers the revoked ones, whose websockets are closed at once with
 * 4001 "disconnected by administrator". A lost lease (consoleauth ended our sessions as
 * proxy-lost, so another proxy may now hold the writer slot) closes every console here.
 *
 * <p>The proxy_id outlives this process (hostname:port by default), so each process has its own
 * random incarnation, and announces it ({@code starting}) before it opens its first session: a
 * restarted proxy thereby ends, at once, the sessions its killed predecessor left open in
 * consoleauth, instead of renewing them forever with the same proxy_id.
 */
public final class SessionTracker implements SessionOpener, Managed {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTracker.class);
    // Twice a second: a force disconnect must close the websocket within 1 s, and a period of a
    // full second plus the heartbeat's round trip was measured at 1,078 ms on a busy host.
    static final long HEARTBEAT_MILLIS = 500;
    /** How long a refused writer waits for this proxy's queued session ends before the refusal stands. */
    static final long END_FLUSH_MILLIS = 2_000;

    private final ConsoleSessionsClient client;
    private final Map<String, ConsoleEndpoint> live = new ConcurrentHashMap<>();
    private final Queue<PendingEnd> unreported = new ConcurrentLinkedQueue<>();
    /** Ends handed to the reporter thread and not sent yet. */
    private final AtomicInteger queuedEnds = new AtomicInteger();
    private final String incarnation = UUID.randomUUID().toString();
    private volatile String proxyId;
    private volatile boolean announced;
    private volatile boolean heartbeatFailing;
    private ExecutorService reporter;
    private ScheduledExecutorService heartbeat;

    private record PendingEnd(String sessionId, String reason) {}

    public SessionTracker(ConsoleSessionsClient client, String proxyId) {
        this.client = client;
        this.proxyId = proxyId;
    }

    /** Set once the listening port is known (when serialproxy.proxy_id is not configured). */
    public void proxyIdIfUnset(String id) {
        if (proxyId == null) {
            proxyId = id;
            LOG.info("event=proxy_id_chosen proxy={}", id);
        }
    }

    public String proxyId() {
        return proxyId;
    }

    @Override
    public OpenedSession open(String token, String clientAddress, String userAgent, String role) {
        String id = proxyId;
        if (id == null) {
            throw new io.serialgate.common.error.UnavailableException("starting", "proxy still starting; try again shortly.");
        }
        if (!announced) {
            announceOnce(id);
        }
        OpenSessionRequest request = new OpenSessionRequest(token, id, clientAddress, cleanUserAgent(userAgent), role);
        try {
            return client.open(request);
        } catch (ConflictException inUse) {
            // A user who closes a console and opens it again at once (reconnect, a new tab) meets
            // their own previous session, whose end this proxy has not reported yet: report the
            // ends queued so far, then ask again. A writer held elsewhere is still refused.
            if (!ConsoleSessionContract.CONSOLE_IN_USE.equals(inUse.reason()) || !awaitQueuedEnds()) {
                throw inUse;
            }
            return client.open(request);
        }
    }

    /**
     * Waits (at most {@link #END_FLUSH_MILLIS}) until every session end queued before this call
     * reached consoleauth; false when none was queued or they did not all get there in time.
     */
    private boolean awaitQueuedEnds() {
        ExecutorService executor = reporter;
        if (queuedEnds.get() == 0 || executor == null) {
            return false;
        }
        try {
            // The reporter is one thread taking ends in order: once this no-op ran, so had they.
            executor.submit(() -> { }).get(END_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Announces this process's incarnation, once: the first console or heartbeat does it, whichever
     * comes first, and it is retried until consoleauth answers (consoleauth's refusal or absence
     * propagates). Null when it was announced already.
     */
    private synchronized ProxyHeartbeatAnswer announceOnce(String id) {
        if (announced) {
            return null;
        }
        ProxyHeartbeatAnswer answer = client.heartbeat(id, ProxyHeartbeat.starting(incarnation));
        announced = true;
        LOG.info("event=proxy_incarnation_announced proxy={} incarnation={}", id, incarnation);
        return answer;
    }

    /** The handle a console websocket reports its end through. */
    public ConsoleSessionHandle handle(String sessionId) {
        return new Handle(sessionId);
    }

    private final class Handle implements ConsoleSessionHandle {
        private final String sessionId;
        private final AtomicBoolean ended = new AtomicBoolean();

        Handle(String sessionId) {
            this.sessionId = sessionId;
        }

        @Override
        public String sessionId() {
            return sessionId;
        }

        @Override
        public void attach(ConsoleEndpoint endpoint) {
            if (!ended.get()) {
                live.put(sessionId, endpoint);
            }
        }

        @Override
        public void ended(String closedBy, int code, String reason) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            live.remove(sessionId);
            if (code == CloseReasons.LEASE_LOST && "proxy".equals(closedBy)) {
                return; // consoleauth already ended it as proxy-lost
            }
            report(new PendingEnd(sessionId, EndReasons.of(closedBy, code, reason)));
        }
    }

    private void report(PendingEnd end) {
        ExecutorService executor = reporter;
        if (executor == null || executor.isShutdown()) {
            send(end);
            return;
        }
        queuedEnds.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    send(end);
                } finally {
                    queuedEnds.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queuedEnds.decrementAndGet();
            send(end);
        }
    }

    private void send(PendingEnd end) {
        try {
            client.end(end.sessionId(), end.reason());
        } catch (NotFoundException e) {
            LOG.info("event=session_end_ignored session={} reason={}", end.sessionId(), e.reason());
        } catch (SerialgateException e) {
            LOG.warn("event=session_end_deferred session={} end_reason={} cause={}", end.sessionId(), end.reason(),
                    e.reason());
            unreported.add(end);
        }
    }

    /** One heartbeat: close revoked sessions, close everything on a lost lease, retry unreported ends. */
    void beat() {
        String id = proxyId;
        if (id == null) {
            return;
        }
        ProxyHeartbeatAnswer answer;
        try {
            answer = announced ? null : announceOnce(id);
            if (answer == null) {
                answer = client.heartbeat(id, ProxyHeartbeat.of(incarnation));
            }
        } catch (SerialgateException e) {
            if (!heartbeatFailing) {
                heartbeatFailing = true;
                LOG.warn("event=heartbeat_failed proxy={} cause={} sessions={}", id, e.reason(), live.size());
            }
            return;
        }
        if (heartbeatFailing) {
            heartbeatFailing = false;
            LOG.info("event=heartbeat_restored proxy={}", id);
        }
        if (answer.leaseLost()) {
            List<ConsoleEndpoint> all = new ArrayList<>(live.values());
            LOG.warn("event=session_lease_lost proxy={} closing={}", id, all.size());
            for (ConsoleEndpoint endpoint : all) {
                endpoint.end(CloseReasons.LEASE_LOST, CloseReasons.LEASE_LOST_TEXT);
            }
        }
        for (String revoked : answer.revokedSessionIds()) {
            ConsoleEndpoint endpoint = live.get(revoked);
            if (endpoint != null) {
                LOG.info("event=session_revoked session={}", revoked);
                endpoint.end(CloseReasons.DISCONNECTED_BY_ADMIN, CloseReasons.DISCONNECTED_BY_ADMIN_TEXT);
            } else {
                // Closed here already but its end was not recorded yet: record it now.
                unreported.add(new PendingEnd(revoked, EndReasons.REVOKED));
            }
        }
        for (int n = unreported.size(); n > 0; n--) {
            PendingEnd end = unreported.poll();
            if (end == null) {
                break;
            }
            send(end);
        }
    }

    public int liveSessions() {
        return live.size();
    }

    @Override
    public void start() {
        reporter = Executors.newSingleThreadExecutor(daemon("serialproxy-session-ends"));
        heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("serialproxy-heartbeat"));
        heartbeat.scheduleAtFixedRate(this::safeBeat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void safeBeat() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.warn("event=heartbeat_error cause={}", e.getClass().getSimpleName());
        }
    }

    /** Runs after the consoles were closed for shutdown: let their end reports reach consoleauth. */
    @Override
    public void stop() throws InterruptedException {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        if (reporter != null) {
            reporter.shutdown();
            if (!reporter.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("event=session_ends_unreported count={}", unreported.size());
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** consoleauth refuses over-long or control-character user agents: send what it accepts. */
    static String cleanUserAgent(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        String clean = userAgent.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 1024 ? clean.substring(0, 1024) : clean;
    }
}
