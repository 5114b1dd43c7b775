package io.serialgate.compute.tasks;

import io.dropwizard.servlets.tasks.Task;
import io.serialgate.compute.core.libvirt.LibvirtDriver;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Admin task {@code POST /admin/tasks/reconcile-ports}: makes {@code compute.servers}, the port
 * allocation table and libvirt's domains agree now, as start-up does, and prints what it fixed
 * ({@code domains=N kept=N destroyed=N adopted=N removed=N recorded=N released=N}).
 */
public final class ReconcilePortsTask extends Task {

    private final LibvirtDriver driver;

    public ReconcilePortsTask(LibvirtDriver driver) {
        super("reconcile-ports");
        this.driver = driver;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        LibvirtDriver.ReconcileReport report = driver.reconcile();
        output.println(report);
    }
}
