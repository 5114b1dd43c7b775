package io.serialgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A phase's context switches are summed per thread, so a thread ending mid-phase never makes them negative. */
class ProcessWorkTest {

    @Test
    void aThreadThatEndedTakesItsCountButNothingGoesNegative() {
        ProcessWork before = new ProcessWork(1_015, 1_015, Map.of("7/7", 10L, "7/8", 5L, "7/9", 1_000L),
                Map.of("7/7", 10L, "7/8", 5L, "7/9", 1_000L), Map.of(7L, 0L));
        ProcessWork after = new ProcessWork(18, 18, Map.of("7/7", 15L, "7/10", 3L), Map.of("7/7", 15L, "7/10", 3L),
                Map.of(7L, 0L));

        ProcessWork phase = after.since(before);

        assertEquals(5 + 3, phase.cpuNanos(), "CPU time is differenced per thread like the switches");
        assertEquals(5 + 3, phase.contextSwitches(), "7/7 switched 5 times, new 7/10 3 times; 7/8 and 7/9 ended");
    }

    @Test
    void aThreadIdReusedWithALowerCountCountsAsNew() {
        ProcessWork before = new ProcessWork(0, 100, Map.of("7/7", 100L), Map.of(), Map.of());
        ProcessWork after = new ProcessWork(0, 4, Map.of("7/7", 4L), Map.of(), Map.of());
        assertEquals(4, after.since(before).contextSwitches());
    }

    @Test
    void aChildThatExitedLeavesItsCpuTimeWithItsParent() throws Exception {
        // A shell whose child burns CPU and exits; the shell lives on (as websockify does).
        Process shell = new ProcessBuilder("sh", "-c",
                "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done & wait; echo done; sleep 30").start();
        try {
            shell.getInputStream().read(new byte[5]); // the child has been reaped once "done" is written
            long withChildren = ProcessWork.cpuNanos(shell.toHandle());
            long own = shell.toHandle().info().totalCpuDuration().orElseThrow().toNanos();
            assertTrue(withChildren >= own + 50_000_000L, "with children " + withChildren + " ns, own " + own + " ns");
        } finally {
            shell.destroyForcibly();
        }
    }

    @Test
    void aRealProcessWhoseThreadsComeAndGoReadsNonNegative() throws Exception {
        ProcessWork before = ProcessWork.of(ProcessHandle.current());
        Thread worker = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                Thread.yield();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        worker.start();
        worker.join();
        ProcessWork phase = ProcessWork.of(ProcessHandle.current()).since(before);
        assertTrue(phase.contextSwitches() >= 0, "switches " + phase.contextSwitches());
        assertTrue(phase.cpuNanos() >= 0, "cpu " + phase.cpuNanos());
    }

    @Test
    void aChildReapedDuringThePhaseAddsItsTimeThroughItsParent() {
        ProcessWork before = new ProcessWork(0, 0, Map.of("7/7", 0L, "8/8", 0L), Map.of("7/7", 100L, "8/8", 5_000L),
                Map.of(7L, 0L, 8L, 0L));
        // Child 8 exited: its threads are gone, its 20 ms moved to parent 7's reaped time.
        ProcessWork after = new ProcessWork(0, 0, Map.of("7/7", 0L), Map.of("7/7", 300L), Map.of(7L, 20_000_000L));
        assertEquals(200 + 20_000_000L, after.since(before).cpuNanos());
    }

    @Test
    void cpuTimeIsReadInNanosecondsNotTicks() throws Exception {
        // A shell that counts a little while it is watched: its time is a few milliseconds, which
        // /proc/PID/stat would round to whole 10 ms ticks (often 0).
        Process shell = new ProcessBuilder("sh", "-c",
                "read go; i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; echo done; sleep 30").start();
        try {
            ProcessWork before = ProcessWork.of(shell.toHandle());
            shell.getOutputStream().write("go\n".getBytes());
            shell.getOutputStream().flush();
            shell.getInputStream().read(new byte[5]);
            long cpu = ProcessWork.of(shell.toHandle()).since(before).cpuNanos();
            assertTrue(cpu > 0, "cpu " + cpu);
            assertTrue(cpu % 10_000_000L != 0, "a whole number of ticks: " + cpu + " ns");
        } finally {
            shell.destroyForcibly();
        }
    }
}
