package io.serialgate.consoleauth.tasks;

import io.dropwizard.servlets.tasks.Task;
import io.serialgate.consoleauth.core.ExpiredTokenPurger;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** {@code POST /admin/tasks/purge-expired-tokens}: runs one purge now and prints how many were deleted. */
public final class PurgeExpiredTokensTask extends Task {

    private final ExpiredTokenPurger purger;

    public PurgeExpiredTokensTask(ExpiredTokenPurger purger) {
        super("purge-expired-tokens");
        this.purger = purger;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.println("deleted=" + purger.purgeOnce());
    }
}
