package io.serialgate.api.tasks;

import io.dropwizard.servlets.tasks.Task;
import io.serialgate.api.core.PowerStateSync;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Admin task {@code POST /admin/tasks/sync-power-states}: records now, rather than at the next
 * scheduled run, which servers their compute hosts report running or shut off, and prints
 * {@code checked=N changed=N hosts_unreachable=N}.
 */
public final class SyncPowerStatesTask extends Task {

    private final PowerStateSync sync;

    public SyncPowerStatesTask(PowerStateSync sync) {
        super("sync-power-states");
        this.sync = sync;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.println(sync.syncOnce());
    }
}
