package io.serialgate.bench;

import java.util.concurrent.TimeUnit;

/**
 * A target that runs as a process forking one child per connection (websockify, socat): its
 * memory is the whole tree's, and stopping it stops the children too.
 */
record ProcessTree(Process process) {

    /** Starts the process and waits until something listens on each of {@code ports}; stopped again if not. */
    static ProcessTree start(ProcessBuilder builder, java.util.Collection<Integer> ports)
            throws java.io.IOException, InterruptedException {
        ProcessTree tree = new ProcessTree(builder.start());
        try {
            for (int port : ports) {
                Target.awaitListening(port, tree.process, 30_000);
            }
        } catch (java.io.IOException | InterruptedException | RuntimeException e) {
            tree.stop();
            throw e;
        }
        return tree;
    }

    /** The tree's memory: PSS summed over the process and its children, so shared pages count once. */
    long memoryBytes() {
        return Target.memoryOf(process.pid(), true);
    }

    /** Stops the children and the process (SIGTERM, then SIGKILL after 10 s). */
    void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
