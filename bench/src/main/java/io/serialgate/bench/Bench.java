package io.serialgate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Measures serialproxy against the physical limit (direct TCP to the fake serial port), the floor
 * of any relay (socat, a plain TCP relay) and websockify (what nova-serialproxy runs on), in the
 * same run, and prints one Markdown table.
 * Not a test: run it with bench/run.sh. Loopback only; every loop is bounded in count and time.
 */
public final class Bench {

    /** Command-line options, {@code --name value}. */
    static final class Options {
        Path serialproxyJar;
        List<String> targets = List.of("direct", "socat", "serialproxy", "websockify");
        int rounds = 1;
        int echoSessions = 100;
        int keysPerSecond = 20;
        double echoSeconds = 5;
        int bulkSessions = 10;
        double bulkSeconds = 3;
        int connects = 200;
        int idle = 1000;
        int idleWebsockify = 300;
        /** Untimed connects first: each runs the upgrade path once, and C2 compiles it after thousands. */
        int warmupConnects = 2000;
        int chainCalls = 2000;
        /** Untimed typing first, at 100 keys/s on every echo session: 100,000 keystrokes by default. */
        double warmupEchoSeconds = 10;
        List<String> javaOptions = List.of("-Xmx1g");
        Path workDir = Path.of("bench", "target", "run");
        /** The PostgreSQL the control plane gets a fresh database on (any database there the user may open). */
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/test";
        String dbUser = "postgres";
        String dbPassword = System.getenv().getOrDefault("SERIALGATE_DB_PASSWORD", "");

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + ": needs a value");
                }
                String value = args[i + 1];
                switch (name) {
                    case "--serialproxy-jar" -> o.serialproxyJar = Path.of(value);
                    case "--targets" -> o.targets = Arrays.asList(value.split(","));
                    case "--rounds" -> o.rounds = Integer.parseInt(value);
                    case "--echo-sessions" -> o.echoSessions = Integer.parseInt(value);
                    case "--keys-per-second" -> o.keysPerSecond = Integer.parseInt(value);
                    case "--echo-seconds" -> o.echoSeconds = Double.parseDouble(value);
                    case "--bulk-sessions" -> o.bulkSessions = Integer.parseInt(value);
                    case "--bulk-seconds" -> o.bulkSeconds = Double.parseDouble(value);
                    case "--connects" -> o.connects = Integer.parseInt(value);
                    case "--idle" -> o.idle = Integer.parseInt(value);
                    case "--idle-websockify" -> o.idleWebsockify = Integer.parseInt(value);
                    case "--warmup-connects" -> o.warmupConnects = Integer.parseInt(value);
                    case "--chain-calls" -> o.chainCalls = Integer.parseInt(value);
                    case "--warmup-echo-seconds" -> o.warmupEchoSeconds = Double.parseDouble(value);
                    case "--java-options" -> o.javaOptions = Arrays.asList(value.trim().split("\\s+"));
                    case "--work-dir" -> o.workDir = Path.of(value);
                    case "--jdbc-url" -> o.jdbcUrl = value;
                    case "--db-user" -> o.dbUser = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (o.idle > 5000 || o.echoSessions > 1000 || o.bulkSessions > 100 || o.connects > 10000 || o.rounds > 5
                    || o.warmupConnects > 10000 || o.warmupEchoSeconds > 60 || o.chainCalls > 10000) {
                throw new IllegalArgumentException("counts are bounded: idle<=5000, echo-sessions<=1000, "
                        + "bulk-sessions<=100, connects<=10000, rounds<=5, warmup-connects<=10000, warmup-echo-seconds<=60, "
                        + "chain-calls<=10000");
            }
            return o;
        }
    }

    /** One round's numbers for one target. */
    record Result(Measurements.Latency echo1, Measurements.Latency echoN, Measurements.Throughput bulk1,
            Measurements.Throughput bulkN, Measurements.Latency connect, Measurements.Idle idle) {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Files.createDirectories(o.workDir);
        int echoPool = Math.max(Math.max(o.echoSessions, o.idle), 100);
        System.err.printf("bench: %d echo ports, %d bulk ports on loopback%n", echoPool, o.bulkSessions);
        try (FakeSerialPorts echo = new FakeSerialPorts(FakeSerialPorts.Mode.ECHO, echoPool);
             FakeSerialPorts bulk = new FakeSerialPorts(FakeSerialPorts.Mode.BULK, Math.max(1, o.bulkSessions));
             ClientLoop loop = new ClientLoop()) {
            List<Target> targets = new ArrayList<>();
            ControlPlane controlPlane = null;
            try {
                for (String name : o.targets) {
                    if (name.equals("serialproxy") && controlPlane == null) {
                        controlPlane = ControlPlane.start(o.workDir, o.jdbcUrl, o.dbUser, o.dbPassword);
                    }
                    Target target = start(name, o, controlPlane, echo, bulk);
                    if (target != null) {
                        targets.add(target);
                    }
                }
                for (Target target : targets) {
                    // Untimed: lets the JIT compile the relay and connect paths before anything is
                    // measured. A short warm-up (2 s of typing, 100 connects) measured C2 at work:
                    // echo p99 at 100 sessions 2-4 ms and connect p50 3 ms, against 0.2 ms and 1.1 ms warm.
                    System.err.printf("bench: warming up %s%n", target.name());
                    Measurements.echo(loop, target, target.echoPorts(echo.ports()), o.echoSessions, 100, 0, o.warmupEchoSeconds);
                    Measurements.bulk(loop, target, bulk.ports(), 1, 0, 2);
                    Measurements.connect(loop, target, target.echoPorts(echo.ports()), o.warmupConnects, 0);
                }
                Map<String, List<Result>> results = new LinkedHashMap<>();
                for (int round = 1; round <= o.rounds; round++) {
                    for (Target target : targets) {
                        System.err.printf("bench: round %d, %s%n", round, target.name());
                        Result result = measure(loop, target, o, target.echoPorts(echo.ports()), bulk.ports());
                        results.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(result);
                        // Every round on the console: the table shows medians.
                        System.err.printf("bench: round %d, %s: echo-%d p50/p99/p99.9 %s/%s/%s µs (cost per key %s), "
                                        + "bulk-1 %.0f MB/s, bulk-%d %.0f MB/s, connect p50/p99 %.2f/%.2f ms%n", round,
                                target.name(), o.echoSessions, us(result.echoN().p50()), us(result.echoN().p99()),
                                us(result.echoN().p999()), cost(result.echoN()), result.bulk1().megabytesPerSecond(), o.bulkSessions,
                                result.bulkN().megabytesPerSecond(), result.connect().p50() / 1e6,
                                result.connect().p99() / 1e6);
                    }
                }
                List<ConnectChain.Timing> chain = List.of();
                for (Target target : targets) {
                    if (target instanceof SerialproxyTarget proxy && o.chainCalls > 0) {
                        Thread.sleep(2_000); // the last round's session ends reach consoleauth
                        chain = proxy.chain().measure(o.chainCalls, o.chainCalls);
                    }
                }
                // Memory per idle session above a truly idle target: the rounds' phases leave the
                // heap and the native allocator grown, which hides the sessions' own memory.
                Map<String, Measurements.Idle> freshIdle = new LinkedHashMap<>();
                for (Target target : targets) {
                    if (target.restart()) {
                        System.err.printf("bench: idle sessions on a fresh %s%n", target.name());
                        target.settle();
                        freshIdle.put(target.name(), Measurements.idle(loop, target, echo.ports(), o.idle));
                    }
                }
                print(o, args, results, freshIdle, chain);
            } finally {
                for (Target target : targets) {
                    target.close();
                }
                if (controlPlane != null) {
                    controlPlane.close();
                }
            }
        }
    }

    private static Target start(String name, Options o, ControlPlane controlPlane, FakeSerialPorts echo,
            FakeSerialPorts bulk) throws Exception {
        switch (name) {
            case "direct":
                return new Target.Direct();
            case "serialproxy":
                if (o.serialproxyJar == null || !Files.isReadable(o.serialproxyJar)) {
                    throw new IllegalArgumentException("--serialproxy-jar: not readable, got " + o.serialproxyJar);
                }
                ApiCalls api = new ApiCalls(controlPlane.apiUrl(), controlPlane.adminKey());
                List<Integer> ports = new ArrayList<>(echo.ports());
                ports.addAll(bulk.ports());
                Map<Integer, ExternalServers.Console> consoles = ExternalServers.register(api, ports);
                ConsoleTokens tokens = ConsoleTokens.mint(api, consoles);
                System.err.println("bench: starting serialproxy " + o.serialproxyJar);
                return new SerialproxyTarget(o.serialproxyJar, o.javaOptions, o.workDir, controlPlane, consoles, tokens);
            case "socat":
                if (!SocatTarget.installed()) {
                    System.err.println("bench: socat not installed (apt-get install socat): skipped");
                    return null;
                }
                // A listener process per port: only the echo ports its phases use (the idle phase,
                // capped for forking targets, needs the most), not one per idle session asked for.
                int echoPortsUsed = Math.min(echo.ports().size(), Math.max(o.echoSessions, Math.min(o.idle, o.idleWebsockify)));
                List<Integer> relayed = new ArrayList<>(echo.ports().subList(0, echoPortsUsed));
                relayed.addAll(bulk.ports());
                System.err.println("bench: starting socat (a plain TCP relay per port)");
                return new SocatTarget(relayed, o.workDir);
            case "websockify":
                if (!WebsockifyTarget.installed()) {
                    System.err.println("bench: websockify not installed (apt-get install websockify): skipped");
                    return null;
                }
                List<Integer> all = new ArrayList<>(echo.ports());
                all.addAll(bulk.ports());
                System.err.println("bench: starting websockify");
                return new WebsockifyTarget(all, o.workDir);
            default:
                throw new IllegalArgumentException("--targets: direct, socat, serialproxy or websockify, got " + name);
        }
    }

    private static Result measure(ClientLoop loop, Target target, Options o, List<Integer> echoPorts,
            List<Integer> bulkPorts) throws Exception {
        target.settle();
        Measurements.Latency echo1 = Measurements.echo(loop, target, echoPorts, 1, o.keysPerSecond, 1, o.echoSeconds);
        target.settle();
        Measurements.Latency echoN = Measurements.echo(loop, target, echoPorts, o.echoSessions, o.keysPerSecond, 1,
                o.echoSeconds);
        target.settle();
        Measurements.Throughput bulk1 = Measurements.bulk(loop, target, bulkPorts, 1, 1, o.bulkSeconds);
        target.settle();
        Measurements.Throughput bulkN = Measurements.bulk(loop, target, bulkPorts, o.bulkSessions, 1, o.bulkSeconds);
        target.settle();
        Measurements.Latency connect = Measurements.connect(loop, target, echoPorts, o.connects, 20);
        target.settle();
        // websockify and socat fork a process per connection: thousands would measure the fork, not the relay.
        int idleCount = target instanceof ProcessTreeTarget ? Math.min(o.idle, o.idleWebsockify) : o.idle;
        Measurements.Idle idle = Measurements.idle(loop, target, echoPorts, idleCount);
        target.settle();
        return new Result(echo1, echoN, bulk1, bulkN, connect, idle);
    }

    // ---------------------------------------------------------------- the table

    private static void print(Options o, String[] args, Map<String, List<Result>> results,
            Map<String, Measurements.Idle> freshIdle, List<ConnectChain.Timing> chain) throws Exception {
        List<String> names = new ArrayList<>(results.keySet());
        StringBuilder table = new StringBuilder();
        table.append("| measure |");
        names.forEach(n -> table.append(' ').append(n).append(" |"));
        table.append("\n|---|");
        names.forEach(n -> table.append("---|"));
        table.append('\n');
        row(table, "echo RTT, 1 session, p50 / p99 / p99.9 (µs)", names, results, r -> rtt(r.echo1()));
        row(table, "echo RTT, " + o.echoSessions + " sessions × " + o.keysPerSecond + " keys/s, p50 / p99 / p99.9 (µs)",
                names, results, r -> rtt(r.echoN()));
        row(table, "target's CPU (µs) / context switches per keystroke, " + o.echoSessions + " sessions", names, results,
                r -> cost(r.echoN()));
        row(table, "bulk guest→client, 1 session (MB/s)", names, results, r -> mbps(r.bulk1()));
        row(table, "bulk guest→client, " + o.bulkSessions + " sessions aggregate (MB/s)", names, results, r -> mbps(r.bulkN()));
        row(table, "connect to first echo, p50 / p99 (ms), " + o.connects + " connects", names, results, r -> connect(r.connect()));
        row(table, "target's CPU (µs) / context switches per connect", names, results,
                r -> perSample(r.connect().work(), r.connect().samples()));
        row(table, "behind it, per connect: consoleauth / compute-driver / PostgreSQL, CPU (µs) / switches", names,
                results, r -> backendCost(r.connect()));
        row(table, "idle sessions held / asked", names, results, r -> r.idle().held() + " / " + r.idle().asked()
                + (r.idle().answered() < r.idle().held() ? " (" + (r.idle().held() - r.idle().answered()) + " hung)" : ""));
        row(table, "memory per idle session (KiB), after the round's phases", names, results,
                r -> r.idle().bytesPerSession() < 0 ? "–" : String.valueOf(r.idle().bytesPerSession() / 1024));
        table.append("| memory per idle session (KiB), ").append(o.idle).append(" sessions on a fresh process |");
        for (String name : names) {
            Measurements.Idle fresh = freshIdle.get(name);
            table.append(' ').append(fresh == null || fresh.bytesPerSession() < 0 ? "–"
                    : fresh.bytesPerSession() / 1024 + " (" + fresh.held() + " held)").append(" |");
        }
        table.append('\n');
        rowOfRounds(table, "bytes wrong or out of order / sessions hung, all rounds", names, results, Bench::accounting);
        StringBuilder out = new StringBuilder();
        out.append("serialgate bench, ").append(Instant.now()).append('\n');
        out.append("machine: ").append(machine()).append('\n');
        out.append("command: bench/run.sh ").append(String.join(" ", args)).append('\n');
        out.append("rounds: ").append(o.rounds).append(" (each number is the median of that number over the rounds; targets interleaved per round)\n\n");
        out.append(table);
        List<String> notes = new ArrayList<>();
        results.forEach((name, list) -> list.forEach(r -> {
            if (r.echo1().wrongBytes() + r.echoN().wrongBytes() + r.bulk1().wrongChunks() + r.bulkN().wrongChunks()
                    + r.connect().wrongBytes() > 0) {
                notes.add(name + ": wrong bytes/chunks: echo-1 " + r.echo1().wrongBytes() + ", echo-N "
                        + r.echoN().wrongBytes() + ", bulk-1 " + r.bulk1().wrongChunks() + ", bulk-N "
                        + r.bulkN().wrongChunks() + ", connect " + r.connect().wrongBytes());
            }
            for (String e : new String[] {r.echo1().firstError(), r.echoN().firstError(), r.bulk1().firstError(),
                    r.bulkN().firstError(), r.connect().firstError(), r.idle().firstError()}) {
                if (e != null && !e.startsWith("close 1000") && notes.size() < 10) {
                    notes.add(name + ": " + e);
                }
            }
        }));
        if (!chain.isEmpty()) {
            out.append("\nserialproxy's connect chain, internal calls one at a time (")
                    .append(chain.get(0).samples()).append(" each, after as many untimed):\n\n")
                    .append("| internal call | p50 (ms) | p99 (ms) |\n|---|---|---|\n");
            for (ConnectChain.Timing t : chain) {
                out.append("| ").append(t.call()).append(" | ")
                        .append(t.samples() == 0 ? "failed: " + t.firstError() : ms(t.p50()) + " | " + ms(t.p99()))
                        .append(" |\n");
            }
        }
        if (!notes.isEmpty()) {
            out.append("\nfirst errors seen:\n");
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        System.out.print(out);
        Files.writeString(o.workDir.resolve("table.md"), out.toString());
    }

    /** A row of medians: each number in a cell is the median of that number over the rounds. */
    private static void row(StringBuilder table, String label, List<String> names, Map<String, List<Result>> results,
            Function<Result, String> cell) {
        rowOfRounds(table, label, names, results, rounds -> cell.apply(RecordMedians.of(rounds)));
    }

    private static void rowOfRounds(StringBuilder table, String label, List<String> names,
            Map<String, List<Result>> results, Function<List<Result>, String> cell) {
        table.append("| ").append(label).append(" |");
        for (String name : names) {
            table.append(' ').append(cell.apply(results.get(name))).append(" |");
        }
        table.append('\n');
    }

    /** The target's CPU µs and context switches per echoed keystroke, "–" where it has no process of its own. */
    static String cost(Measurements.Latency echo) {
        return perSample(echo.work(), echo.samples());
    }

    private static String backendCost(Measurements.Latency connect) {
        BackendWork work = connect.backendWork();
        if (work == null) {
            return "–";
        }
        return perSample(work.consoleauth(), connect.samples()) + " · " + perSample(work.computeDriver(), connect.samples())
                + " · " + perSample(work.postgres(), connect.samples());
    }

    /** CPU µs and context switches per sample (keystroke, connect), "–" where nothing was measured. */
    static String perSample(ProcessWork work, int samples) {
        if (work == null || samples == 0) {
            return "–";
        }
        return String.format("%.0f / %.1f", work.cpuNanos() / 1e3 / samples, (double) work.contextSwitches() / samples);
    }

    private static String rtt(Measurements.Latency l) {
        if (l.samples() == 0) {
            return "failed (" + l.opened() + "/" + l.sessions() + " opened)";
        }
        return us(l.p50()) + " / " + us(l.p99()) + " / " + us(l.p999());
    }

    private static String connect(Measurements.Latency l) {
        if (l.samples() == 0) {
            return "failed";
        }
        return ms(l.p50()) + " / " + ms(l.p99());
    }

    private static String mbps(Measurements.Throughput t) {
        if (t.opened() < t.sessions()) {
            return String.format(Locale.ROOT, "%.0f (%d/%d opened)", t.megabytesPerSecond(), t.opened(), t.sessions());
        }
        return String.format(Locale.ROOT, "%.0f", t.megabytesPerSecond());
    }

    /** Summed over every round: one wrong byte or hung session in any round must show. */
    private static String accounting(List<Result> rounds) {
        long wrong = 0;
        long hung = 0;
        for (Result r : rounds) {
            wrong += r.echo1().wrongBytes() + r.echoN().wrongBytes() + r.bulk1().wrongChunks() + r.bulkN().wrongChunks()
                    + r.connect().wrongBytes();
            hung += r.echo1().hung() + r.echoN().hung() + r.bulk1().stalled() + r.bulkN().stalled() + r.connect().hung()
                    + (r.idle().held() - r.idle().answered())
                    + (r.echoN().sessions() - r.echoN().opened()) + (r.echo1().sessions() - r.echo1().opened());
        }
        return wrong + " / " + hung;
    }

    private static String us(long nanos) {
        return String.valueOf(Math.round(nanos / 1000.0));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (Exception ignored) {
            // not Linux
        }
        long memGiB = -1;
        try {
            memGiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024).orElse(-1L);
        } catch (Exception ignored) {
            // not Linux
        }
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception ignored) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memGiB + " GiB, load average "
                + load + " at the end, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version");
    }
}
