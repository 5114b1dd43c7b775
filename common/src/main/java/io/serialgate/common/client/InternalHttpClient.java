package io.serialgate.common.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.serialgate.common.auth.ServiceAuthFilter;
import io.serialgate.common.error.ErrorBody;
import io.serialgate.common.error.SerialgateException;
import io.serialgate.common.error.UnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * JSON over HTTP to one internal service, carrying the service credential. A non-2xx answer
 * becomes the matching {@link SerialgateException}; an unreachable service becomes
 * {@link UnavailableException} naming the service, never a raw I/O error.
 *
 * <p>The transport is Apache HttpClient's classic (blocking) client: the request is written and
 * the answer read on the caller's thread over a pooled keep-alive connection. The JDK's
 * {@code HttpClient} hands every call between the caller, its selector thread and an executor;
 * on a 2-core host those switches cost more than the call itself (measured in bench/).
 */
public class InternalHttpClient {

    /** Connections kept per service: enough for every request thread of a busy service to have one. */
    static final int MAX_CONNECTIONS = 256;
    /** Pooled connections idle this long are closed by us, well before the server's idle timeout (30 s) can race a reuse. */
    private static final TimeValue IDLE_EVICTION = TimeValue.ofSeconds(10);
    /** A connection idle longer than this is checked for a server-side close before it is reused. */
    private static final TimeValue VALIDATE_AFTER = TimeValue.ofSeconds(2);

    private final String serviceName;
    private final URI baseUri;
    private final String authorization;
    private final CloseableHttpClient http;
    private final ObjectMapper json = Jackson.newObjectMapper();

    public InternalHttpClient(String serviceName, URI baseUri, String secret, Duration timeout) {
        this.serviceName = serviceName;
        this.baseUri = baseUri;
        this.authorization = ServiceAuthFilter.SCHEME + secret;
        Timeout limit = Timeout.of(timeout);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(limit).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .setValidateAfterInactivity(VALIDATE_AFTER)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit)
                        .setResponseTimeout(limit)
                        .setRedirectsEnabled(false)
                        .build())
                .evictIdleConnections(IDLE_EVICTION)
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("serialgate-internal")
                .build();
    }

    public <T> T get(String path, Class<T> type) {
        return read(exchange(new HttpGet(resolve(path))), type);
    }

    public <T> T get(String path, TypeReference<T> type) {
        byte[] body = exchange(new HttpGet(resolve(path)));
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return read(exchange(withBody(new HttpPost(resolve(path)), body)), type);
    }

    /** POST whose answer has no body worth reading (204). */
    public void postNoContent(String path, Object body) {
        exchange(withBody(new HttpPost(resolve(path)), body));
    }

    public void delete(String path) {
        exchange(new HttpDelete(resolve(path)));
    }

    private URI resolve(String path) {
        return baseUri.resolve(path);
    }

    private HttpUriRequestBase withBody(HttpUriRequestBase request, Object body) {
        try {
            request.setEntity(new ByteArrayEntity(json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body", e);
        }
        return request;
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private byte[] exchange(HttpUriRequestBase request) {
        request.setHeader("Accept", "application/json");
        request.setHeader("Authorization", authorization);
        Answer answer;
        try {
            answer = http.execute(request, response -> new Answer(response.getCode(),
                    response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
        } catch (IOException e) {
            throw new UnavailableException("service_unreachable",
                    serviceName + " is unreachable at " + baseUri + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (answer.status() >= 200 && answer.status() < 300) {
            return answer.body();
        }
        throw errorFrom(answer.status(), answer.body());
    }

    private record Answer(int status, byte[] body) {}

    private SerialgateException errorFrom(int status, byte[] body) {
        try {
            ErrorBody error = json.readValue(body, ErrorBody.class);
            if (error.error() != null) {
                return SerialgateException.fromStatus(status, error.error().reason(), error.error().message());
            }
        } catch (IOException | RuntimeException ignored) {
            // Not one of our error bodies (a proxy in between, a crash page): fall through.
        }
        return SerialgateException.fromStatus(status, "http_" + status,
                serviceName + " answered HTTP " + status);
    }

    private UnavailableException unreadable(IOException e) {
        return new UnavailableException("bad_answer", serviceName + " sent an answer that is not valid JSON", e);
    }
}
