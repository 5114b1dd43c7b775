package io.serialgate.api.testing;

import com.sun.net.httpserver.HttpExchange;
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.AuthorizedToken;
import io.serialgate.common.error.ErrorBody;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** consoleauth's internal contract: authorize a token; remembers what it was asked. */
public final class StandInConsoleauth extends StandInService {

    public final List<AuthorizeTokenRequest> authorized = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();

    public StandInConsoleauth(String secret) {
        super(secret);
    }

    /** The token the next authorize call hands out. */
    public String nextToken() {
        return "tok-" + (counter.get() + 1);
    }

    @Override
    protected void handle(HttpExchange exchange, String method, String path) throws IOException {
        if ("POST".equals(method) && path.equals("/v1/tokens")) {
            authorized.add(read(exchange, AuthorizeTokenRequest.class));
            send(exchange, 201, new AuthorizedToken("tok-" + counter.incrementAndGet(), Instant.now().plusSeconds(600)));
        } else {
            send(exchange, 404, ErrorBody.of(404, "not_found", "no such path " + path));
        }
    }
}
