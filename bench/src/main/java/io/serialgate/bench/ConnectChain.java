package io.serialgate.bench;

import io.serialgate.common.client.ComputeClient;
import io.serialgate.common.client.ConsoleSessionsClient;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.contract.ConsoleSessionContract;
import io.serialgate.common.contract.OpenSessionRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where a console connect's time goes behind the proxy: the internal calls serialproxy's connect
 * makes (and the one consoleauth makes for it), timed one at a time with the same keep-alive client
 * the services use, against the real control plane of the run. Each iteration asks, for the next
 * console in turn: compute-driver for the console's endpoint (consoleauth's re-check), consoleauth
 * to validate the token (lookup + re-check), to open a writer session (lookup, then the re-check
 * alongside the transaction) and to end it. Run after the rounds, so every console is free.
 */
final class ConnectChain {

    /** One internal call's latency, in nanoseconds. */
    record Timing(String call, int samples, long p50, long p99, String firstError) {}

    private static final String PROXY_ID = "bench-connect-chain";

    private final ConsoleauthClient tokens;
    private final ConsoleSessionsClient sessions;
    private final ComputeClient compute;
    private final List<ExternalServers.Console> consoles;
    private final List<String> consoleTokens;

    ConnectChain(ControlPlane plane, Map<Integer, ExternalServers.Console> consoles, ConsoleTokens tokens) {
        Duration timeout = Duration.ofSeconds(10);
        this.tokens = new ConsoleauthClient(URI.create(plane.consoleauthUrl() + "/"), plane.serviceSecret(), timeout);
        this.sessions = new ConsoleSessionsClient(URI.create(plane.consoleauthUrl() + "/"), plane.serviceSecret(), timeout);
        this.compute = new ComputeClient(URI.create(plane.computeUrl() + "/"), plane.serviceSecret(), timeout);
        this.consoles = new ArrayList<>();
        this.consoleTokens = new ArrayList<>();
        consoles.forEach((port, console) -> {
            this.consoles.add(console);
            this.consoleTokens.add(tokens.of(port));
        });
    }

    /** {@code warmup} untimed iterations, then {@code iterations} timed ones. */
    List<Timing> measure(int warmup, int iterations) {
        System.err.printf("bench: timing the connect chain's internal calls (%d + %d) ...%n", warmup, iterations);
        Map<String, long[]> samples = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        String[] names = {"compute-driver: the console's endpoint (consoleauth's re-check)",
                "consoleauth: validate a token (lookup + re-check)",
                "consoleauth: open a writer session (lookup, re-check alongside the transaction)",
                "consoleauth: end a session"};
        for (String name : names) {
            samples.put(name, new long[iterations]);
        }
        int[] filled = new int[names.length];
        for (int i = 0; i < warmup + iterations; i++) {
            int c = i % consoles.size();
            ExternalServers.Console console = consoles.get(c);
            String token = consoleTokens.get(c);
            String[] sessionId = {null};
            LongSupplier[] calls = {
                () -> time(() -> compute.serialConsole(console.serverId(), console.portIndex())),
                () -> time(() -> tokens.validate(token)),
                () -> time(() -> sessionId[0] = sessions.open(new OpenSessionRequest(token, PROXY_ID,
                        "127.0.0.1:1", "bench", ConsoleSessionContract.ROLE_WRITER)).session().sessionId()),
                () -> sessionId[0] == null ? -1 : time(() -> sessions.end(sessionId[0], "client-closed")),
            };
            for (int k = 0; k < calls.length; k++) {
                long nanos;
                try {
                    nanos = calls[k].getAsLong();
                } catch (RuntimeException e) {
                    errors.putIfAbsent(names[k], e.getClass().getSimpleName() + ": " + e.getMessage());
                    continue;
                }
                if (i >= warmup && nanos >= 0) {
                    samples.get(names[k])[filled[k]++] = nanos;
                }
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            long[] sorted = Arrays.copyOf(samples.get(names[k]), filled[k]);
            Arrays.sort(sorted);
            timings.add(new Timing(names[k], sorted.length, Measurements.percentile(sorted, 50),
                    Measurements.percentile(sorted, 99), errors.get(names[k])));
        }
        return timings;
    }

    private static long time(Runnable call) {
        long t0 = System.nanoTime();
        call.run();
        return System.nanoTime() - t0;
    }
}
