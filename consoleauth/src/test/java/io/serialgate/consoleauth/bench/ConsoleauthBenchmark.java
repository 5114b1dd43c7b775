package io.serialgate.consoleauth.bench;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.testing.TestPostgres;
import io.serialgate.consoleauth.ComputeStandIn;
import io.serialgate.consoleauth.ConsoleauthApplication;
import io.serialgate.consoleauth.ConsoleauthConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Throughput and latency of consoleauth's internal REST on this machine: a real server on a real
 * PostgreSQL, driven through the real client from common. Prints a table; asserts nothing.
 * Run: consoleauth/bench/run.sh [threads] [requests-per-phase]
 */
public final class ConsoleauthBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 10000;
    private static final String SECRET = "bench-service-secret-0123456789abcdef0123456789";

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String database = TestPostgres.freshDatabaseUrl();
        String instance = UUID.randomUUID().toString();
        // Two consoleauth instances on one database, as deployed side by side: the first without
        // an internal section (no endpoint re-check), the second confirming every token's
        // (host, port) with compute-driver, here a stand-in answering over real HTTP.
        ComputeStandIn compute = new ComputeStandIn(SECRET);
        compute.place(instance, 0, HOST, PORT);
        DropwizardTestSupport<ConsoleauthConfiguration> plain = consoleauth(database);
        DropwizardTestSupport<ConsoleauthConfiguration> rechecking = consoleauth(database,
                ConfigOverride.config("internal.compute_url", compute.uri().toString()));
        try {
            plain.before();
            rechecking.before();
            ConsoleauthClient client = client(plain);
            ConsoleauthClient recheckingClient = client(rechecking);
            String[] tokens = new String[requests];
            // warm-up: JIT, connection pools
            run(threads, 2_000, i -> client.authorize(request(instance)));
            Result authorize = run(threads, requests, i -> tokens[i] = client.authorize(request(instance)).token());
            run(threads, 2_000, i -> client.validate(tokens[i]));
            Result validate = run(threads, requests, i -> client.validate(tokens[i]));
            run(threads, 2_000, i -> recheckingClient.validate(tokens[i]));
            Result recheck = run(threads, requests, i -> recheckingClient.validate(tokens[i]));
            System.out.printf("%n%-26s %8s %9s %10s %10s %10s%n", "operation", "threads", "requests", "per_second",
                    "p50_ms", "p99_ms");
            authorize.print("authorize", threads);
            validate.print("validate", threads);
            recheck.print("validate+endpoint-recheck", threads);
        } finally {
            rechecking.after();
            plain.after();
            compute.close();
        }
    }

    private static DropwizardTestSupport<ConsoleauthConfiguration> consoleauth(String database, ConfigOverride... extra) {
        ConfigOverride[] overrides = Arrays.copyOf(extra, extra.length + 1);
        overrides[extra.length] = ConfigOverride.config("database.url", database);
        return new DropwizardTestSupport<>(ConsoleauthApplication.class,
                ResourceHelpers.resourceFilePath("consoleauth-bench.yml"), overrides);
    }

    private static ConsoleauthClient client(DropwizardTestSupport<ConsoleauthConfiguration> server) {
        return new ConsoleauthClient(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"), SECRET,
                Duration.ofSeconds(10));
    }

    private static AuthorizeTokenRequest request(String instance) {
        return new AuthorizeTokenRequest("bench", instance, 0, HOST, PORT, "http://127.0.0.1:6083/serial.html");
    }

    private record Result(int requests, double seconds, long[] nanos) {
        void print(String name, int threads) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            System.out.printf("%-26s %8d %9d %10.0f %10.2f %10.2f%n", name, threads, requests, requests / seconds,
                    sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
        }
    }

    private static Result run(int threads, int requests, IntConsumer call) throws Exception {
        long[] nanos = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            futures.add(pool.submit(() -> {
                for (int i = first; i < requests; i += threads) {
                    long before = System.nanoTime();
                    call.accept(i);
                    nanos[i] = System.nanoTime() - before;
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(requests, seconds, nanos);
    }
}
