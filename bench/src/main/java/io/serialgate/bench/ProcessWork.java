package io.serialgate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and context switches a target's processes (the process and its children: websockify
 * forks one per connection) have used so far. The difference over a phase, divided by its
 * keystrokes, is the target's own cost per keystroke: unlike latency it hardly depends on what
 * else the machine is doing, so two relays can be compared on a busy host.
 */
record ProcessWork(long cpuNanos, long contextSwitches) {

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
        long switches = 0;
        for (ProcessHandle p : all) {
            cpu += p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
            switches += contextSwitches(p.pid());
        }
        return new ProcessWork(cpu, switches);
    }

    ProcessWork since(ProcessWork before) {
        return new ProcessWork(cpuNanos - before.cpuNanos, contextSwitches - before.contextSwitches);
    }

    /** What was spent between two readings; null when either is missing (no process to read). */
    static ProcessWork between(ProcessWork before, ProcessWork after) {
        return before == null || after == null ? null : after.since(before);
    }

    /** Voluntary and involuntary switches of every thread of the process (0 once it is gone). */
    private static long contextSwitches(long pid) {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                        total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process or one of its threads ended meanwhile
        }
        return total;
    }
}
