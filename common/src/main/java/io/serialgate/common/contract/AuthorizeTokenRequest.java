package io.serialgate.common.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Asks consoleauth for a console token bound to one serial port of one server.
 *
 * @param computeUrl the internal URL of the compute-driver serving the server, where validation
 *     re-checks the serial port's (host, port); null: consoleauth's configured
 *     {@code internal.compute_url}. With several compute hosts the api always sends it.
 */
public record AuthorizeTokenRequest(
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("instance_uuid") String instanceUuid,
        @JsonProperty("port_index") int portIndex,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("access_url_base") String accessUrlBase,
        @JsonProperty("compute_url") String computeUrl) {

    /** A request without a compute URL: validation re-checks at consoleauth's configured one. */
    public AuthorizeTokenRequest(String tenantId, String instanceUuid, int portIndex, String host, int port,
            String accessUrlBase) {
        this(tenantId, instanceUuid, portIndex, host, port, accessUrlBase, null);
    }
}
