package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.client.ConsoleSessionsClient;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.common.testing.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the endpoint re-check on and compute-driver unreachable, no endpoint is handed out: 503. */
@ExtendWith(DropwizardExtensionsSupport.class)
class EndpointRecheckWithoutComputeTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-05-02T00:00:00Z"));
    static final DropwizardAppExtension<ConsoleauthConfiguration> APP = ConsoleauthTestApp.extension(CLOCK,
            TestPostgres.freshDatabaseUrl(),
            ConfigOverride.config("internal.compute_url", "http://127.0.0.1:" + closedPort() + "/"),
            ConfigOverride.config("internal.timeout_seconds", "2"));

    /** A loopback port that was just free: nothing listens on it. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void validateAndOpenAre503ComputeUnavailable() {
        String token = EndpointRecheckTest.token(APP, UUID.randomUUID().toString(), 0, 10600);
        ConsoleSessionsClient sessions = new ConsoleSessionsClient(ConsoleauthTestApp.baseUri(APP),
                ConsoleauthTestApp.SECRET, Duration.ofSeconds(5));

        assertThatThrownBy(() -> ConsoleauthTestApp.client(APP).validate(token))
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo("compute_unavailable");
                    assertThat(e.getMessage()).doesNotContain(token);
                });
        assertThatThrownBy(() -> sessions.open(new OpenSessionRequest(token, "proxy-u", "192.0.2.9:1", null, "writer")))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("compute_unavailable"));
    }
}
