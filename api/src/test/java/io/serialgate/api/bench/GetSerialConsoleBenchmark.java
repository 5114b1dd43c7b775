package io.serialgate.api.bench;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.serialgate.api.ApiApplication;
import io.serialgate.api.ApiConfiguration;
import io.serialgate.api.testing.ApiCalls;
import io.serialgate.api.testing.StandInCompute;
import io.serialgate.api.testing.StandInConsoleauth;
import io.serialgate.api.testing.TestApi;
import io.serialgate.common.testing.TestPostgres;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * get-serial-console requests/s and p50/p99 latency: the api on a real PostgreSQL (API key and
 * server looked up per request, as in production), compute-driver and consoleauth answered over
 * real HTTP by the tests' stand-ins, so the api's own cost is what is measured. The load client is
 * a pooled blocking client, one connection per client thread. Prints a table; asserts nothing.
 * Run: api/bench/run.sh [threads] [seconds]
 */
public final class GetSerialConsoleBenchmark {

    /** Long enough for C2 to compile the request path; shorter warm-ups measured the compiler too. */
    private static final int WARM_UP_SECONDS = Integer.getInteger("warmup", 10);

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String db = TestPostgres.freshDatabaseUrl();
        StandInCompute compute = new StandInCompute(TestApi.SECRET);
        StandInConsoleauth consoleauth = new StandInConsoleauth(TestApi.SECRET);
        DropwizardTestSupport<ApiConfiguration> api = new DropwizardTestSupport<>(ApiApplication.class,
                ResourceHelpers.resourceFilePath("api-bench.yml"), TestApi.overrides(db, compute.url(), consoleauth.url()));
        try (CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(threads).setMaxConnTotal(threads)
                        .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                        .build())
                .build()) {
            api.before();
            String key = TestApi.memberKey(db, "bench");
            String id = new ApiCalls(api.getLocalPort())
                    .post("/v2.1/servers", key, "{\"server\": {\"name\": \"bench\"}}").json().at("/server/id").asText();
            String uri = "http://127.0.0.1:" + api.getLocalPort() + "/v2/bench/servers/" + id + "/get-serial-console";
            run(http, uri, key, threads, WARM_UP_SECONDS);         // warm-up: JIT, connection pools
            long start = System.nanoTime();
            long[] latencies = run(http, uri, key, threads, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("%n%-20s %8s %9s %12s %8s %8s %8s%n", "operation", "threads", "requests", "requests_per_s",
                    "p50_ms", "p99_ms", "max_ms");
            System.out.printf("%-20s %8d %9d %12.0f %8.2f %8.2f %8.2f%n", "get-serial-console", threads,
                    latencies.length, latencies.length / elapsed, percentile(latencies, 50), percentile(latencies, 99),
                    latencies[latencies.length - 1] / 1e6);
        } finally {
            api.after();
            compute.close();
            consoleauth.close();
        }
    }

    private static long[] run(CloseableHttpClient http, String uri, String key, int threads, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    HttpPost request = new HttpPost(uri);
                    request.setHeader("X-Auth-Token", key);
                    long t0 = System.nanoTime();
                    int status = http.execute(request, response -> {
                        EntityUtils.consume(response.getEntity());
                        return response.getCode();
                    });
                    long took = System.nanoTime() - t0;
                    if (status != 200) {
                        throw new AssertionError("status " + status);
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = took;
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
