package io.serialgate.common.client;

import io.serialgate.common.contract.ApiInternalContract;
import io.serialgate.common.contract.ComputeHostHeartbeat;
import java.net.URI;
import java.time.Duration;

/** Typed client of the api's internal endpoints (used by compute hosts). */
public class ApiInternalClient {

    private final InternalHttpClient http;

    public ApiInternalClient(URI baseUri, String secret, Duration timeout) {
        this.http = new InternalHttpClient("api", baseUri, secret, timeout);
    }

    public void heartbeat(ComputeHostHeartbeat heartbeat) {
        http.postNoContent(ApiInternalContract.COMPUTE_HOST_HEARTBEAT, heartbeat);
    }
}
