package io.serialgate.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NovaFaultTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheMessageWhateverTheFaultKey() {
        for (String key : new String[] {"badRequest", "unauthorized", "forbidden", "itemNotFound", "conflictingRequest",
            "HTTPNotImplemented", "serviceUnavailable", "computeFault"}) {
            String body = "{\"" + key + "\": {\"code\": 400, \"message\": \"it went wrong\"}}";
            assertThat(message(400, body)).as(key).isEqualTo("it went wrong");
        }
    }

    @Test
    void readsTheInternalErrorShapeToo() {
        assertThat(message(404, "{\"error\":{\"code\":404,\"reason\":\"x\",\"message\":\"no such token\"}}"))
                .isEqualTo("no such token");
    }

    @Test
    void foldsMultiLineMessagesIntoOneLine() {
        assertThat(message(400, "{\"badRequest\":{\"message\":\"first\\n  second\"}}")).isEqualTo("first second");
    }

    @Test
    void describesBodiesThatAreNotFaults() {
        assertThat(message(502, "<html>Bad Gateway</html>")).isEqualTo("the server answered HTTP 502 with no error message");
        assertThat(message(500, "")).isEqualTo("the server answered HTTP 500 with no error message");
        assertThat(message(418, "short and stout")).isEqualTo("the server answered HTTP 418: short and stout");
        assertThat(message(400, "{\"badRequest\":{\"code\":400}}")).isEqualTo("the server answered HTTP 400: {\"badRequest\":{\"code\":400}}");
        assertThat(message(500, "x".repeat(500))).hasSize("the server answered HTTP 500: ".length() + 203);
    }

    private String message(int status, String body) {
        return NovaFault.message(json, status, body.getBytes(StandardCharsets.UTF_8));
    }
}
