package io.serialgate.api.logging;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.filter.NullLevelFilterFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLog;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.request.logging.RequestLogFactory;
import io.dropwizard.request.logging.async.AsyncAccessEventAppenderFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayoutFactory;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.LoggerFactory;

/**
 * Dropwizard's logback-access request log, except that the request it logs has any console token
 * cut out of its path ({@link TokenPaths}) and, for those requests, no query string. Whatever
 * format the operator configures ({@code %U}, {@code %r}, {@code %q}...), the token is not in it:
 * every one of them reads the request's {@link HttpURI}, which is the redacted one.
 */
public final class TokenSafeRequestLogFactory extends LogbackAccessRequestLogFactory {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(TokenSafeRequestLogFactory.class);

    /** Puts a token-safe request log in place of the configured one. Must run in Application.run. */
    public static void install(ServerFactory serverFactory) {
        if (!(serverFactory instanceof AbstractServerFactory server)) {
            return;
        }
        TokenSafeRequestLogFactory safe = new TokenSafeRequestLogFactory();
        RequestLogFactory<?> configured = server.getRequestLogFactory();
        if (configured instanceof LogbackAccessRequestLogFactory access) {
            safe.setAppenders(access.getAppenders());
        } else {
            // The classic request log writes the full URI and cannot be vetted: use the default appenders.
            LOG.warn("event=request_log_replaced reason=\"the api only allows the logback-access request log\"");
        }
        server.setRequestLogFactory(safe);
    }

    /** As {@link LogbackAccessRequestLogFactory#build}, with the redacting log. */
    @Override
    public RequestLog build(String name) {
        Logger logger = (Logger) LoggerFactory.getLogger("http.request");
        logger.setAdditive(false);
        LoggerContext context = logger.getLoggerContext();
        LogbackAccessRequestLog log = new RedactingRequestLog();
        LogbackAccessRequestLayoutFactory layout = new LogbackAccessRequestLayoutFactory();
        NullLevelFilterFactory<IAccessEvent> levels = new NullLevelFilterFactory<>();
        AsyncAccessEventAppenderFactory async = new AsyncAccessEventAppenderFactory();
        for (AppenderFactory<IAccessEvent> appender : getAppenders()) {
            log.addAppender(appender.build(context, name, layout, levels, async));
        }
        return log;
    }

    /** Runs on the thread that completed the request, after the response was sent. */
    private static final class RedactingRequestLog extends LogbackAccessRequestLog {
        @Override
        public void log(Request request, Response response) {
            super.log(redacted(request), response);
        }
    }

    static Request redacted(Request request) {
        HttpURI uri = request.getHttpURI();
        String decoded;
        try {
            decoded = uri.getDecodedPath();
        } catch (RuntimeException e) {
            decoded = "/" + TokenPaths.SEGMENT + "/"; // a path that cannot be decoded is not logged at all
        }
        return TokenPaths.redacted(decoded)
                .<Request>map(path -> new PathReplaced(request, HttpURI.build(uri).path(path).query(null).asImmutable()))
                .orElse(request);
    }

    private static final class PathReplaced extends Request.Wrapper {
        private final HttpURI uri;

        PathReplaced(Request wrapped, HttpURI uri) {
            super(wrapped);
            this.uri = uri;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }
    }
}
