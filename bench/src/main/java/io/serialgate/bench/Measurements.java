package io.serialgate.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The four measurements, each against one {@link Target}. Every byte a session receives is
 * checked against what it must be at that point of its stream (echo: the keystroke sequence;
 * bulk: the {@link Pattern}); every session is accounted for (opened, answering, or hung).
 */
final class Measurements {

    private Measurements() {}

    /**
     * Counts and nanosecond percentiles of one run; {@code work}: what the target's processes spent
     * while the samples were taken (null when not measured).
     */
    record Latency(int sessions, int opened, int samples, long p50, long p99, long p999, long wrongBytes, int hung,
            String firstError, ProcessWork work, BackendWork backendWork) {}

    record Throughput(int sessions, int opened, double megabytesPerSecond, long wrongChunks, int stalled,
            String firstError) {}

    record Idle(int asked, int held, int answered, long bytesPerSession, String firstError) {}

    // ---------------------------------------------------------------- keystroke echo

    /**
     * A session the measurement waits for: it counts {@code settled} down once, when it opened or
     * when it closed without opening, and keeps the first reason it closed.
     */
    private abstract static class SettlingSession implements Conn.Handler {
        final CountDownLatch settled;
        boolean opened;
        volatile String error;
        Conn conn;

        SettlingSession(CountDownLatch settled) {
            this.settled = settled;
        }

        @Override
        public void opened(Conn c) {
            opened = true;
            settled.countDown();
        }

        @Override
        public void closed(Conn c, String why) {
            if (error == null) {
                error = why;
            }
            if (!opened) {
                settled.countDown();
            }
        }
    }

    private static final class EchoSession extends SettlingSession {
        final List<Long> samples;
        final long[] sendTimes = new long[1024];
        long sent;
        long received;
        long wrong;
        long recordFrom = Long.MAX_VALUE;

        EchoSession(CountDownLatch settled, List<Long> samples) {
            super(settled);
            this.samples = samples;
        }

        @Override
        public void data(Conn c, ByteBuffer bytes) {
            long now = System.nanoTime();
            while (bytes.hasRemaining()) {
                byte b = bytes.get();
                if (received >= sent || b != (byte) received) {
                    wrong++;
                    continue;
                }
                long at = sendTimes[(int) (received++ & 1023)];
                if (at >= recordFrom) {
                    samples.add(now - at);
                }
            }
        }

        void key() {
            if (sent - received >= 1024 || conn == null || !conn.isOpen()) {
                return;
            }
            sendTimes[(int) (sent & 1023)] = System.nanoTime();
            conn.send(new byte[] {(byte) sent});
            sent++;
        }
    }

    /** {@code sessions} sessions each typing {@code keysPerSecond} single-byte keystrokes; RTT of each echo. */
    static Latency echo(ClientLoop loop, Target target, List<Integer> ports, int sessions, int keysPerSecond,
            double warmupSeconds, double seconds) throws Exception {
        CountDownLatch settled = new CountDownLatch(sessions);
        List<Long> samples = new ArrayList<>();
        List<EchoSession> all = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            all.add(new EchoSession(settled, samples));
        }
        loop.execute(() -> {
            for (int i = 0; i < sessions; i++) {
                all.get(i).conn = target.connect(loop, ports.get(i), all.get(i));
            }
        });
        settled.await(120, TimeUnit.SECONDS);
        long interval = 1_000_000_000L / keysPerSecond;
        long start = System.nanoTime() + 20_000_000L;
        long recordFrom = start + (long) (warmupSeconds * 1e9);
        long end = recordFrom + (long) (seconds * 1e9);
        loop.execute(() -> {
            for (int i = 0; i < sessions; i++) {
                EchoSession s = all.get(i);
                s.recordFrom = recordFrom;
                if (s.opened) {
                    scheduleKeys(loop, s, start + i * interval / sessions, interval, end);
                }
            }
        });
        sleepUntil(recordFrom);
        ProcessWork before = ProcessWork.of(target.process());
        sleepUntil(end);
        ProcessWork after = ProcessWork.of(target.process());
        ProcessWork work = ProcessWork.between(before, after);
        sleepUntil(end + 1_000_000_000L);
        CompletableFuture<Latency> result = new CompletableFuture<>();
        loop.execute(() -> {
            int opened = 0;
            int hung = 0;
            long wrong = 0;
            String error = null;
            for (EchoSession s : all) {
                opened += s.opened ? 1 : 0;
                wrong += s.wrong;
                if (s.opened && (s.received != s.sent || !s.conn.isOpen())) {
                    hung++;
                }
                if (error == null && s.error != null) {
                    error = s.error;
                }
                if (s.conn != null) {
                    s.conn.close();
                }
            }
            long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            result.complete(new Latency(sessions, opened, sorted.length, percentile(sorted, 50), percentile(sorted, 99),
                    percentile(sorted, 99.9), wrong, hung, error, work, null));
        });
        Latency latency = result.get(30, TimeUnit.SECONDS);
        Thread.sleep(300);
        return latency;
    }

    private static void scheduleKeys(ClientLoop loop, EchoSession s, long at, long interval, long end) {
        loop.schedule(at, () -> {
            if (at >= end) {
                return;
            }
            s.key();
            scheduleKeys(loop, s, at + interval, interval, end);
        });
    }

    // ---------------------------------------------------------------- bulk

    private static final class BulkSession extends SettlingSession {
        volatile long offset;
        long wrong;

        BulkSession(CountDownLatch settled) {
            super(settled);
        }

        @Override
        public void data(Conn c, ByteBuffer bytes) {
            if (!Pattern.matches(bytes, offset)) {
                wrong++;
            }
            offset += bytes.remaining();
        }
    }

    /** {@code sessions} sessions each receiving the guest's endless pattern stream; aggregate MB/s. */
    static Throughput bulk(ClientLoop loop, Target target, List<Integer> bulkPorts, int sessions, double warmupSeconds,
            double seconds) throws Exception {
        CountDownLatch settled = new CountDownLatch(sessions);
        List<BulkSession> all = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            all.add(new BulkSession(settled));
        }
        loop.execute(() -> {
            for (int i = 0; i < sessions; i++) {
                all.get(i).conn = target.connect(loop, bulkPorts.get(i), all.get(i));
            }
        });
        settled.await(60, TimeUnit.SECONDS);
        Thread.sleep((long) (warmupSeconds * 1000));
        long[] before = all.stream().mapToLong(s -> s.offset).toArray();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long[] after = all.stream().mapToLong(s -> s.offset).toArray();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long bytes = 0;
        int stalled = 0;
        for (int i = 0; i < sessions; i++) {
            bytes += after[i] - before[i];
            if (after[i] == before[i]) {
                stalled++;
            }
        }
        CompletableFuture<Throughput> result = new CompletableFuture<>();
        final long total = bytes;
        final int stuck = stalled;
        loop.execute(() -> {
            int opened = 0;
            long wrong = 0;
            String error = null;
            for (BulkSession s : all) {
                opened += s.opened ? 1 : 0;
                wrong += s.wrong;
                if (error == null && s.error != null) {
                    error = s.error;
                }
                if (s.conn != null) {
                    s.conn.close();
                }
            }
            result.complete(new Throughput(sessions, opened, total / 1e6 / elapsed, wrong, stuck, error));
        });
        Throughput throughput = result.get(30, TimeUnit.SECONDS);
        Thread.sleep(500);
        return throughput;
    }

    // ---------------------------------------------------------------- connect to first echo

    /** One session at a time: connect (token check included), type one key, time until its echo. */
    static Latency connect(ClientLoop loop, Target target, List<Integer> ports, int connects, int warmup) throws Exception {
        List<Long> samples = new ArrayList<>();
        long wrong = 0;
        int hung = 0;
        String error = null;
        java.util.function.Supplier<BackendWork> backends = null;
        ProcessWork proxyBefore = null;
        BackendWork backendsBefore = null;
        for (int i = 0; i < warmup + connects; i++) {
            if (i == warmup) {
                // The CPU each side spends per connect: the session's end, reported after the
                // close, belongs to it too, so the totals are read once those have landed.
                backends = target.backendMeter();
                proxyBefore = ProcessWork.of(target.process());
                backendsBefore = backends == null ? null : backends.get();
            }
            int port = ports.get(i % ports.size());
            CompletableFuture<Long> done = new CompletableFuture<>();
            long[] wrongHere = {0};
            loop.execute(() -> {
                long t0 = System.nanoTime();
                target.connect(loop, port, new Conn.Handler() {
                    @Override
                    public void opened(Conn c) {
                        c.send(new byte[] {'c'});
                    }

                    @Override
                    public void data(Conn c, ByteBuffer bytes) {
                        if (done.isDone()) {
                            return;
                        }
                        long elapsed = System.nanoTime() - t0;
                        if (bytes.get() != 'c' || bytes.hasRemaining()) {
                            wrongHere[0]++;
                        }
                        c.close();
                        done.complete(elapsed);
                    }

                    @Override
                    public void closed(Conn c, String why) {
                        done.completeExceptionally(new IllegalStateException(why));
                    }
                });
            });
            try {
                long nanos = done.get(10, TimeUnit.SECONDS);
                if (i >= warmup) {
                    samples.add(nanos);
                }
                wrong += wrongHere[0];
            } catch (java.util.concurrent.TimeoutException e) {
                hung++;
            } catch (java.util.concurrent.ExecutionException e) {
                hung++;
                if (error == null) {
                    error = e.getCause().getMessage();
                }
            }
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        Thread.sleep(300);
        target.settle();
        return new Latency(1, connects, sorted.length, percentile(sorted, 50), percentile(sorted, 99),
                percentile(sorted, 99.9), wrong, hung, error, ProcessWork.between(proxyBefore, ProcessWork.of(target.process())),
                backends == null || backendsBefore == null ? null : backends.get().since(backendsBefore));
    }

    // ---------------------------------------------------------------- idle sessions

    private static final class IdleSession implements Conn.Handler {
        final Runnable settledOne;
        Conn conn;
        int echoes;
        boolean settled;
        boolean broken;
        volatile String error;

        IdleSession(Runnable settledOne) {
            this.settledOne = settledOne;
        }

        @Override
        public void opened(Conn c) {
            c.send(new byte[] {'i'});
        }

        @Override
        public void data(Conn c, ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                byte b = bytes.get();
                if (b != (echoes == 0 ? 'i' : 'j')) {
                    broken = true;
                }
                echoes++;
            }
            if (!settled) {
                settled = true;
                settledOne.run();
            }
        }

        @Override
        public void closed(Conn c, String why) {
            broken = true;
            if (error == null) {
                error = why;
            }
            if (!settled) {
                settled = true;
                settledOne.run();
            }
        }
    }

    /** Opens {@code count} sessions (at most 64 connecting at once), holds them, measures the target's memory, probes them all. */
    static Idle idle(ClientLoop loop, Target target, List<Integer> ports, int count) throws Exception {
        long baseline = target.memoryBytes();
        CountDownLatch all = new CountDownLatch(count);
        List<IdleSession> sessions = new ArrayList<>();
        int[] next = {0};
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            if (next[0] >= count) {
                return;
            }
            int i = next[0]++;
            IdleSession s = new IdleSession(() -> {
                all.countDown();
                launch[0].run();
            });
            sessions.add(s);
            s.conn = target.connect(loop, ports.get(i), s);
        };
        loop.execute(() -> {
            for (int i = 0; i < 64; i++) {
                launch[0].run();
            }
        });
        all.await(300, TimeUnit.SECONDS);
        Thread.sleep(2000);
        long loaded = target.memoryBytes();
        CompletableFuture<int[]> held = new CompletableFuture<>();
        loop.execute(() -> {
            int live = 0;
            for (IdleSession s : sessions) {
                if (!s.broken && s.echoes == 1 && s.conn.isOpen()) {
                    live++;
                    s.conn.send(new byte[] {'j'});
                }
            }
            held.complete(new int[] {live});
        });
        int live = held.get(30, TimeUnit.SECONDS)[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int answered = 0;
        while (System.nanoTime() < deadline) {
            CompletableFuture<Integer> count2 = new CompletableFuture<>();
            loop.execute(() -> count2.complete((int) sessions.stream()
                    .filter(s -> !s.broken && s.echoes == 2 && s.conn.isOpen()).count()));
            answered = count2.get(10, TimeUnit.SECONDS);
            if (answered >= live) {
                break;
            }
            Thread.sleep(100);
        }
        CompletableFuture<String> closed = new CompletableFuture<>();
        loop.execute(() -> {
            String error = null;
            for (IdleSession s : sessions) {
                if (error == null && s.error != null) {
                    error = s.error;
                }
                s.conn.close();
            }
            closed.complete(error);
        });
        String error = closed.get(30, TimeUnit.SECONDS);
        Thread.sleep(Math.min(5000, 200 + count));
        long perSession = baseline < 0 || loaded < 0 || live == 0 ? -1 : (loaded - baseline) / live;
        return new Idle(count, live, answered, perSession, error);
    }

    // ----------------------------------------------------------------

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }
}
