package io.serialgate.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import io.serialgate.common.error.NotImplementedException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NovaFaultMappersTest {

    @Test
    void aBugIsA500FaultWithoutDetails() {
        Response response = new UnexpectedExceptionMapper().toResponse(new IllegalStateException("db password is hunter2"));
        assertThat(response.getStatus()).isEqualTo(500);
        Map<?, ?> fault = (Map<?, ?>) ((Map<?, ?>) response.getEntity()).get("computeFault");
        assertThat(fault.get("code")).isEqualTo(500);
        assertThat(fault.get("message").toString()).startsWith("Unexpected API Error").doesNotContain("hunter2");
    }

    @Test
    void eachStatusHasNovasFaultName() {
        assertThat(NovaFaults.name(400)).isEqualTo("badRequest");
        assertThat(NovaFaults.name(401)).isEqualTo("unauthorized");
        assertThat(NovaFaults.name(403)).isEqualTo("forbidden");
        assertThat(NovaFaults.name(404)).isEqualTo("itemNotFound");
        assertThat(NovaFaults.name(409)).isEqualTo("conflictingRequest");
        assertThat(NovaFaults.name(413)).isEqualTo("overLimit");
        assertThat(NovaFaults.name(501)).isEqualTo("notImplemented");
        assertThat(NovaFaults.name(503)).isEqualTo("serviceUnavailable");
        Response response = new SerialgateExceptionMapper().toResponse(new NotImplementedException("no serial console here"));
        assertThat(response.getStatus()).isEqualTo(501);
        assertThat(((Map<?, ?>) response.getEntity()).keySet().toString()).isEqualTo("[" + "notImplemented" + "]");
    }

    @Test
    void anUnreachableDatabaseIs503() {
        Response response = new DatabaseUnavailableMapper().toResponse(
                new org.jdbi.v3.core.ConnectionException(new java.sql.SQLException("Connection refused to 10.0.0.5")));
        assertThat(response.getStatus()).isEqualTo(503);
        Map<?, ?> fault = (Map<?, ?>) ((Map<?, ?>) response.getEntity()).get("serviceUnavailable");
        assertThat(fault.get("message").toString()).doesNotContain("10.0.0.5");
    }

    @Test
    void jacksonErrorsAre400() {
        Response response = new JsonProcessingExceptionMapper().toResponse(new JsonParseException(null, "Unexpected character"));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((Map<?, ?>) response.getEntity()).keySet().toString()).isEqualTo("[" + "badRequest" + "]");
    }
}
