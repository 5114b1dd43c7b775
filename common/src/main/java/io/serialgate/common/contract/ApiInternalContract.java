package io.serialgate.common.contract;

/**
 * The api's internal endpoints (service credential required, like every internal endpoint; they
 * live on the api's port under /internal so one api process serves both).
 */
public final class ApiInternalContract {
    /**
     * POST {@link ComputeHostHeartbeat} → 204. Every compute service sends one every few seconds;
     * the api places new servers only on hosts heard from recently and answers 503 otherwise.
     */
    public static final String COMPUTE_HOST_HEARTBEAT = "/internal/v1/compute-hosts/heartbeat";

    private ApiInternalContract() {}
}
