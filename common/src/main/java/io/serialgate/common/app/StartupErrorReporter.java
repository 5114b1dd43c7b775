package io.serialgate.common.app;

import io.dropwizard.configuration.ConfigurationException;
import java.io.PrintWriter;

/**
 * Turns a failure at start into what an operator should read: the configuration problems as
 * listed, or one line with the root cause; a stack trace only with {@code SERIALGATE_DEBUG=1}.
 */
final class StartupErrorReporter {

    private StartupErrorReporter() {}

    static void report(PrintWriter err, String service, Throwable t) {
        ConfigurationException config = find(t, ConfigurationException.class);
        if (config != null) {
            err.println(config.getMessage().stripTrailing());
        } else {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            err.println(service + " failed to start: " + message);
        }
        if ("1".equals(System.getenv("SERIALGATE_DEBUG"))) {
            t.printStackTrace(err);
        }
        err.flush();
    }

    private static <E extends Throwable> E find(Throwable t, Class<E> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
