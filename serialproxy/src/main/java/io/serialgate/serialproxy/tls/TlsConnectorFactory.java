package io.serialgate.serialproxy.tls;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jetty.ConnectorFactory;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * Wraps a configured HTTP connector with TLS the way websockify serves novncproxy and
 * nova-serialproxy: with {@code ssl_only} only TLS is accepted; otherwise the same port speaks both
 * TLS and plain HTTP (Jetty detects a TLS ClientHello on the first bytes).
 */
public final class TlsConnectorFactory implements ConnectorFactory {

    private final ConnectorFactory plain;
    private final SslContextFactory.Server ssl;
    private final boolean sslOnly;

    public TlsConnectorFactory(ConnectorFactory plain, SslContextFactory.Server ssl, boolean sslOnly) {
        this.plain = plain;
        this.ssl = ssl;
        this.sslOnly = sslOnly;
    }

    @Override
    public Connector build(Server server, MetricRegistry metrics, String name, ThreadPool threadPool) {
        Connector connector = plain.build(server, metrics, name, threadPool);
        if (!(connector instanceof AbstractConnector abstractConnector)) {
            throw new IllegalStateException("cannot add TLS to connector " + connector);
        }
        String httpProtocol = abstractConnector.getDefaultProtocol();
        SslConnectionFactory tls = new SslConnectionFactory(ssl, httpProtocol);
        if (sslOnly) {
            abstractConnector.addFirstConnectionFactory(tls);
            abstractConnector.setDefaultProtocol(tls.getProtocol());
        } else {
            // Not a TLS ClientHello: the detector hands the bytes to the next factory (plain HTTP).
            DetectorConnectionFactory detector = new DetectorConnectionFactory(tls);
            abstractConnector.addFirstConnectionFactory(detector);
            abstractConnector.setDefaultProtocol(detector.getProtocol());
        }
        return connector;
    }
}
