package io.serialgate.serialproxy.metrics;

import io.serialgate.serialproxy.relay.ConsoleEndpoint;
import io.serialgate.serialproxy.relay.ConsoleRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * serialproxy's own counters, rendered in the Prometheus text format (version 0.0.4) by
 * {@link PrometheusServlet}. LongAdders: updated on every relayed chunk from many threads.
 */
public final class ProxyMetrics {

    /** Connect latency buckets in seconds: request arrival to guest TCP connected. */
    private static final double[] BUCKETS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final ConsoleRegistry registry;
    private final LongAdder bytesToGuest = new LongAdder();
    private final LongAdder bytesToBrowser = new LongAdder();
    private final Map<String, LongAdder> connects = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
    private final LongAdder[] latencyBuckets = new LongAdder[BUCKETS.length];
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencySumMicros = new LongAdder();

    public ProxyMetrics(ConsoleRegistry registry) {
        this.registry = registry;
        for (int i = 0; i < BUCKETS.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
    }

    public void bytesToGuest(long n) { bytesToGuest.add(n); }
    public void bytesToBrowser(long n) { bytesToBrowser.add(n); }
    public void connected(ConsoleEndpoint.Role role) { count(connects, role.name().toLowerCase()); }
    public void refused(String reason) { count(refusals, reason); }
    public void closed(String reason) { count(closes, reason); }

    public void connectLatency(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                latencyBuckets[i].increment();
            }
        }
        latencyCount.increment();
        latencySumMicros.add(nanos / 1000);
    }

    private static void count(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key == null ? "unknown" : key, k -> new LongAdder()).increment();
    }

    /** The Prometheus text exposition of every metric. */
    public String render() {
        StringBuilder out = new StringBuilder(2048);
        header(out, "serialproxy_sessions_active", "gauge", "Open console websockets by role.");
        for (ConsoleEndpoint.Role role : ConsoleEndpoint.Role.values()) {
            out.append("serialproxy_sessions_active{role=\"").append(role.name().toLowerCase()).append("\"} ")
                    .append(registry.count(role)).append('\n');
        }
        header(out, "serialproxy_bytes_total", "counter", "Bytes relayed, by direction.");
        out.append("serialproxy_bytes_total{direction=\"to_guest\"} ").append(bytesToGuest.sum()).append('\n');
        out.append("serialproxy_bytes_total{direction=\"to_browser\"} ").append(bytesToBrowser.sum()).append('\n');
        labelled(out, "serialproxy_connects_total", "Consoles opened, by role.", "role", connects);
        labelled(out, "serialproxy_refusals_total", "Websocket upgrades refused before any byte reached a guest, by reason.",
                "reason", refusals);
        labelled(out, "serialproxy_closes_total", "Consoles ended, by close reason.", "reason", closes);
        header(out, "serialproxy_connect_latency_seconds", "histogram",
                "From the upgrade request's arrival (token check included) to the guest's TCP port connected.");
        for (int i = 0; i < BUCKETS.length; i++) {
            out.append("serialproxy_connect_latency_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ")
                    .append(latencyBuckets[i].sum()).append('\n');
        }
        out.append("serialproxy_connect_latency_seconds_bucket{le=\"+Inf\"} ").append(latencyCount.sum()).append('\n');
        out.append("serialproxy_connect_latency_seconds_sum ").append(latencySumMicros.sum() / 1e6).append('\n');
        out.append("serialproxy_connect_latency_seconds_count ").append(latencyCount.sum()).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void labelled(StringBuilder out, String name, String help, String label, Map<String, LongAdder> values) {
        header(out, name, "counter", help);
        new TreeMap<>(values).forEach((key, adder) -> out.append(name).append('{').append(label).append("=\"")
                .append(escape(key)).append("\"} ").append(adder.sum()).append('\n'));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
