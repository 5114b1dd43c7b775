package io.serialgate.serialproxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.Duration;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

class WebSocketOnSelectorConnectorsTest {

    @Test
    void theConnectorKeepsEverySettingOfTheConfiguredOne() {
        HttpConnectorFactory http = new HttpConnectorFactory();
        http.setPort(0);
        http.setBindHost("127.0.0.1");
        http.setIdleTimeout(Duration.seconds(42));
        http.setAcceptQueueSize(77);
        http.setReuseAddress(false);
        http.setSelectorThreads(java.util.Optional.of(2));
        http.setAcceptorThreads(java.util.Optional.of(1));
        SimpleServerFactory serverFactory = new SimpleServerFactory();
        serverFactory.setConnector(http);

        WebSocketOnSelectorConnectors.apply(serverFactory);
        Server server = new Server(new QueuedThreadPool());
        Connector built = serverFactory.getConnector().build(server, new MetricRegistry(), "application", server.getThreadPool());

        assertThat(built).isInstanceOf(WebSocketOnSelectorConnector.class);
        ServerConnector connector = (ServerConnector) built;
        assertThat(connector.getHost()).isEqualTo("127.0.0.1");
        assertThat(connector.getPort()).isZero();
        assertThat(connector.getIdleTimeout()).isEqualTo(42_000);
        assertThat(connector.getAcceptQueueSize()).isEqualTo(77);
        assertThat(connector.getReuseAddress()).isFalse();
        assertThat(connector.getSelectorManager().getSelectorCount()).isEqualTo(2);
        assertThat(connector.getAcceptors()).isEqualTo(1);
        assertThat(connector.getName()).isEqualTo("application");
        ServerConnector plain = (ServerConnector) http.build(server, new MetricRegistry(), "plain", server.getThreadPool());
        assertThat(connector.getDefaultProtocol()).isEqualTo(plain.getDefaultProtocol());
        assertThat(connector.getProtocols()).isEqualTo(plain.getProtocols());
    }

    @Test
    void itServesHttpAndItsSocketsAreTheSelectorOnes() throws Exception {
        HttpConnectorFactory http = new HttpConnectorFactory();
        http.setPort(0);
        http.setBindHost("127.0.0.1");
        SimpleServerFactory serverFactory = new SimpleServerFactory();
        serverFactory.setConnector(http);
        WebSocketOnSelectorConnectors.apply(serverFactory);
        Server server = new Server(new QueuedThreadPool());
        ServerConnector connector = (ServerConnector) serverFactory.getConnector()
                .build(server, new MetricRegistry(), "application", server.getThreadPool());
        server.addConnector(connector);
        server.setHandler(new org.eclipse.jetty.server.Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                    org.eclipse.jetty.util.Callback callback) {
                boolean selectorSocket = request.getConnectionMetaData().getConnection().getEndPoint()
                        instanceof WebSocketOnSelectorEndPoint;
                org.eclipse.jetty.io.Content.Sink.write(response, true, "selector=" + selectorSocket, callback);
                return true;
            }
        });
        server.start();
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("selector=true");
        } finally {
            server.stop();
        }
    }
}
