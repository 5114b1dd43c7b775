package io.serialgate.api;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Not a timed test: prints get-serial-console requests/s and p50/p99 latency, PostgreSQL behind the
 * api, stand-in compute and consoleauth over real HTTP. Run with
 * {@code ./mvnw -o -B -pl api verify -Dtest=GetSerialConsoleBenchmark -Dbenchmark=true}
 * (optional -Dbenchmark.threads=8 -Dbenchmark.seconds=10).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@ExtendWith(DropwizardExtensionsSupport.class)
class GetSerialConsoleBenchmark {

    private static final String DB = TestPostgres.freshDatabaseUrl();
    private static final StandInCompute COMPUTE = new StandInCompute(TestApi.SECRET);
    private static final StandInConsoleauth CONSOLEAUTH = new StandInConsoleauth(TestApi.SECRET);
    private static final DropwizardAppExtension<ApiConfiguration> APP = TestApi.app(DB, COMPUTE.url(), CONSOLEAUTH.url());

    @AfterAll
    static void stopStandIns() {
        COMPUTE.close();
        CONSOLEAUTH.close();
    }

    @Test
    void getSerialConsoleThroughput() throws Exception {
        int threads = Integer.getInteger("benchmark.threads", 8);
        int seconds = Integer.getInteger("benchmark.seconds", 10);
        String key = TestApi.memberKey(DB, "bench");
        ApiCalls api = new ApiCalls(APP.getLocalPort());
        String id = api.post("/v2.1/servers", key, "{\"server\": {\"name\": \"bench\"}}").json().at("/server/id").asText();
        URI uri = URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/v2/bench/servers/" + id + "/get-serial-console");

        run(uri, key, threads, 2);                       // warm-up: JIT, connection pools
        long start = System.nanoTime();
        long[] latencies = run(uri, key, threads, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("BENCHMARK get-serial-console: threads=%d requests=%d requests_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                threads, latencies.length, latencies.length / elapsed, percentile(latencies, 50),
                percentile(latencies, 99), latencies[latencies.length - 1] / 1e6);
    }

    private static long[] run(URI uri, String key, int threads, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(uri).header("X-Auth-Token", key)
                        .POST(HttpRequest.BodyPublishers.noBody()).build();
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new AssertionError("status " + response.statusCode());
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(mine, n);
            }));
        }
        pool.shutdown();
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            all.add(f.get());
        }
        return all.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
