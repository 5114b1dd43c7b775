package io.serialgate.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serialgate.client.ClientFailure;
import io.serialgate.client.ExitCode;
import org.junit.jupiter.api.Test;

class ApiClientTest {

    @Test
    void acceptsTheBareEndpointOrANovaStyleOne() {
        assertThat(ApiClient.parseEndpoint("http://127.0.0.1:8774")).hasToString("http://127.0.0.1:8774");
        assertThat(ApiClient.parseEndpoint("http://127.0.0.1:8774/")).hasToString("http://127.0.0.1:8774");
        assertThat(ApiClient.parseEndpoint("http://127.0.0.1:8774/v2.1/")).hasToString("http://127.0.0.1:8774");
        assertThat(ApiClient.parseEndpoint("https://cloud.example.org/compute/v2.1")).hasToString("https://cloud.example.org/compute");
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        for (String bad : new String[] {"127.0.0.1:8774", "ftp://h", "http://", "not a url"}) {
            assertThatThrownBy(() -> ApiClient.parseEndpoint(bad)).as(bad)
                    .isInstanceOfSatisfying(ClientFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.USAGE));
        }
    }

    @Test
    void encodesQueryValuesAndPathSegments() {
        assertThat(ApiClient.encode("a b/c+d")).isEqualTo("a%20b%2Fc%2Bd");
    }
}
