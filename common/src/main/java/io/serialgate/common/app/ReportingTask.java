package io.serialgate.common.app;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An admin task ({@code POST /admin/tasks/NAME}, service secret required) that runs one job now,
 * instead of at its next scheduled run, and prints the job's report as one line.
 */
public final class ReportingTask extends Task {

    private final Supplier<?> job;

    /** @param job runs the job and returns its report; its {@code toString()} is printed */
    public ReportingTask(String name, Supplier<?> job) {
        super(name);
        this.job = job;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.println(job.get());
    }
}
