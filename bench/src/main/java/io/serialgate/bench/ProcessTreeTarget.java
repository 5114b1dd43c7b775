package io.serialgate.bench;

/** A target run as a {@link ProcessTree}: its process, memory and stop are the tree's. */
abstract class ProcessTreeTarget implements Target {

    private ProcessTree tree;

    /** Called once by the subclass's constructor, with the tree it started. */
    protected final void started(ProcessTree started) {
        this.tree = started;
    }

    @Override
    public ProcessHandle process() {
        return tree.process().toHandle();
    }

    @Override
    public long memoryBytes() {
        return tree.memoryBytes();
    }

    @Override
    public void close() {
        tree.stop();
    }
}
