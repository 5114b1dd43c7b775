package io.serialgate.serialproxy.web;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.request.logging.RequestLogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console URLs carry the token in the query string, and Dropwizard's default request log line
 * ({@code "%r"}, the full request line, plus the Referer) would write it to disk. serialproxy's
 * request log therefore always uses a format that logs the path without the query and no Referer.
 */
public final class RequestLogs {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogs.class);

    /** Like Dropwizard's default, but %U (path only) instead of %r, and no Referer. */
    public static final String TOKEN_SAFE_FORMAT =
            "%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss.SSS Z,UTC}] \"%m %U %H\" %s %b \"%i{User-Agent}\" %D";

    private RequestLogs() {}

    /** Must run before the server is built (i.e. in Application.run). */
    public static void stripQueryStrings(ServerFactory serverFactory) {
        if (!(serverFactory instanceof AbstractServerFactory server)) {
            return;
        }
        RequestLogFactory<?> factory = server.getRequestLogFactory();
        LogbackAccessRequestLogFactory access;
        if (factory instanceof LogbackAccessRequestLogFactory configured) {
            access = configured;
        } else {
            // A request log we cannot vet (the classic one logs the full URI): replace it.
            LOG.warn("event=request_log_replaced reason=\"serialproxy only allows the logback-access request log\"");
            access = new LogbackAccessRequestLogFactory();
            server.setRequestLogFactory(access);
        }
        for (AppenderFactory<?> appender : access.getAppenders()) {
            if (appender instanceof AbstractAppenderFactory<?> configurable) {
                configurable.setLogFormat(TOKEN_SAFE_FORMAT);
            }
        }
    }
}
