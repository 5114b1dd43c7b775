package io.serialgate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and context switches a target's processes (the process and its children: websockify
 * and socat fork one per connection) have used so far. The difference over a phase, divided by its
 * keystrokes, is the target's own cost per keystroke: unlike latency it hardly depends on what
 * else the machine is doing, so two relays can be compared on a busy host.
 *
 * <p>CPU time is read per thread in nanoseconds ({@code /proc/PID/task/TID/schedstat}), not from
 * {@code /proc/PID/stat}, whose unit is a 10 ms tick rounded per process: a child forked per
 * connection uses well under a tick in a phase, and socat's cost per keystroke read 0.
 */
record ProcessWork(long cpuNanos, long contextSwitches, Map<String, Long> switchesByThread,
        Map<String, Long> cpuByThread, Map<Long, Long> reapedByProcess) {

    /** A difference between two readings: the totals only. */
    ProcessWork(long cpuNanos, long contextSwitches) {
        this(cpuNanos, contextSwitches, Map.of(), Map.of(), Map.of());
    }

    /** Now, for {@code process} and its descendants; null without a process (direct TCP). */
    static ProcessWork of(ProcessHandle process) {
        if (process == null) {
            return null;
        }
        return of(List.of(process));
    }

    /** Now, for these processes and their descendants; null when the list is empty. */
    static ProcessWork of(List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return null;
        }
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle process : processes) {
            all.add(process);
            process.descendants().forEach(all::add);
        }
        Map<String, Long> switchesByThread = new HashMap<>();
        Map<String, Long> cpuByThread = new HashMap<>();
        Map<Long, Long> reapedByProcess = new HashMap<>();
        for (ProcessHandle p : all) {
            if (!readThreads(p.pid(), switchesByThread, cpuByThread)) {
                // A kernel without per-thread schedstat: the process's own time, a tick's precision.
                long[] times = statTimes(p.pid());
                cpuByThread.put(p.pid() + "/stat", times == null ? 0 : (times[0] + times[1]) * NANOS_PER_TICK);
            }
            reapedByProcess.put(p.pid(), reapedChildrenNanos(p));
        }
        long switches = switchesByThread.values().stream().mapToLong(Long::longValue).sum();
        long cpu = cpuByThread.values().stream().mapToLong(Long::longValue).sum()
                + reapedByProcess.values().stream().mapToLong(Long::longValue).sum();
        return new ProcessWork(cpu, switches, switchesByThread, cpuByThread, reapedByProcess);
    }

    /**
     * What was spent since {@code before}, thread by thread: a thread that ended in between
     * (Jetty's pool lets idle threads go) takes its count with it, and subtracting the totals made
     * a phase's switches negative; now such a thread's last part is missed instead, and a thread
     * id reused meanwhile counts as new. A child that exited and was reaped meanwhile adds its
     * whole CPU time to its parent's reaped time (a tick's precision): the part it had spent
     * before the phase is counted again, a connect's worth for a process per connection.
     */
    ProcessWork since(ProcessWork before) {
        long switches = sumOfIncreases(switchesByThread, before.switchesByThread);
        long cpu = sumOfIncreases(cpuByThread, before.cpuByThread);
        for (Map.Entry<Long, Long> process : reapedByProcess.entrySet()) {
            cpu += Math.max(0, process.getValue() - before.reapedByProcess.getOrDefault(process.getKey(), 0L));
        }
        return new ProcessWork(cpu, switches);
    }

    private static long sumOfIncreases(Map<String, Long> now, Map<String, Long> earlierByKey) {
        long sum = 0;
        for (Map.Entry<String, Long> entry : now.entrySet()) {
            long earlier = earlierByKey.getOrDefault(entry.getKey(), 0L);
            sum += entry.getValue() >= earlier ? entry.getValue() - earlier : entry.getValue();
        }
        return sum;
    }

    /** What was spent between two readings; null when either is missing (no process to read). */
    static ProcessWork between(ProcessWork before, ProcessWork after) {
        return before == null || after == null ? null : after.since(before);
    }

    /** Linux's USER_HZ, the unit of /proc/PID/stat's times: 100 on every architecture Java runs on. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    /**
     * The process's CPU time including its reaped children's ({@code utime + stime + cutime +
     * cstime} of /proc/PID/stat, a tick's precision). Falls back to the process's own time where
     * /proc cannot be read.
     */
    static long cpuNanos(ProcessHandle process) {
        long[] times = statTimes(process.pid());
        if (times == null) {
            return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }
        return (times[0] + times[1] + times[2] + times[3]) * NANOS_PER_TICK;
    }

    /**
     * CPU time of the process's children that exited and were reaped ({@code cutime + cstime}).
     * websockify forks a process per connection: without this, a child that served its connection
     * and exited took its time with it, and websockify's cost per connect read low.
     */
    private static long reapedChildrenNanos(ProcessHandle process) {
        long[] times = statTimes(process.pid());
        return times == null ? 0 : (times[2] + times[3]) * NANOS_PER_TICK;
    }

    /** utime, stime, cutime, cstime of /proc/PID/stat in ticks; null when the process is gone. */
    private static long[] statTimes(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                    Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /**
     * Adds, keyed pid/tid, every thread's voluntary and involuntary switches and its time on a CPU
     * (the first field of its schedstat, in nanoseconds); nothing for a thread or process gone
     * meanwhile. False when no thread's schedstat could be read.
     */
    private static boolean readThreads(long pid, Map<String, Long> switchesByThread, Map<String, Long> cpuByThread) {
        boolean anySchedstat = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String key = pid + "/" + task.getFileName();
                long switches = 0;
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    continue; // the thread ended meanwhile
                }
                switchesByThread.put(key, switches);
                try {
                    String schedstat = Files.readString(task.resolve("schedstat")).trim();
                    cpuByThread.put(key, Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
                    anySchedstat = true;
                } catch (IOException | RuntimeException goneOrAbsent) {
                    // the thread ended meanwhile, or the kernel keeps no schedstat
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended meanwhile
        }
        return anySchedstat;
    }
}
