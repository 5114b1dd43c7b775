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
 * forks one per connection) have used so far. The difference over a phase, divided by its
 * keystrokes, is the target's own cost per keystroke: unlike latency it hardly depends on what
 * else the machine is doing, so two relays can be compared on a busy host.
 */
record ProcessWork(long cpuNanos, long contextSwitches, Map<String, Long> switchesByThread) {

    /** A difference between two readings: the totals only. */
    ProcessWork(long cpuNanos, long contextSwitches) {
        this(cpuNanos, contextSwitches, Map.of());
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
        long cpu = 0;
        Map<String, Long> byThread = new HashMap<>();
        for (ProcessHandle p : all) {
            cpu += cpuNanos(p);
            readSwitches(p.pid(), byThread);
        }
        long switches = byThread.values().stream().mapToLong(Long::longValue).sum();
        return new ProcessWork(cpu, switches, byThread);
    }

    /**
     * What was spent since {@code before}. Switches are summed per thread: a thread that ended in
     * between (Jetty's pool lets idle threads go) takes its count with it, and subtracting the
     * totals made a phase's switches negative; now such a thread's last switches are missed
     * instead, and a thread id reused meanwhile counts as new.
     */
    ProcessWork since(ProcessWork before) {
        long switches = 0;
        for (Map.Entry<String, Long> thread : switchesByThread.entrySet()) {
            long earlier = before.switchesByThread.getOrDefault(thread.getKey(), 0L);
            switches += thread.getValue() >= earlier ? thread.getValue() - earlier : thread.getValue();
        }
        return new ProcessWork(cpuNanos - before.cpuNanos, switches);
    }

    /** What was spent between two readings; null when either is missing (no process to read). */
    static ProcessWork between(ProcessWork before, ProcessWork after) {
        return before == null || after == null ? null : after.since(before);
    }

    /** Linux's USER_HZ, the unit of /proc/PID/stat's times: 100 on every architecture Java runs on. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    /**
     * The process's CPU time including its reaped children's ({@code utime + stime + cutime +
     * cstime} of /proc/PID/stat). Without the children's part, a websockify child that served a
     * connection and exited took its CPU time with it, and websockify's cost per connect read low.
     * A child alive at one reading and reaped by the next moves from its own line to its parent's
     * {@code cutime}, so a difference over a phase counts it once. Falls back to the process's own
     * time where /proc cannot be read.
     */
    static long cpuNanos(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException unreadable) {
            return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }
    }

    /** Adds the voluntary and involuntary switches of every thread of the process, keyed pid/tid (none once it is gone). */
    private static void readSwitches(long pid, Map<String, Long> byThread) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
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
                byThread.put(pid + "/" + task.getFileName(), switches);
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended meanwhile
        }
    }
}
