package io.serialgate.serialproxy.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** GET /admin/prometheus: {@link ProxyMetrics} in the Prometheus text format. */
public final class PrometheusServlet extends HttpServlet {

    private final transient ProxyMetrics metrics;

    public PrometheusServlet(ProxyMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(metrics.render().getBytes(StandardCharsets.UTF_8));
    }
}
