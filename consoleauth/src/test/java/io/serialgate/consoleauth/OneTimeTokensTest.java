package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.client.InternalHttpClient;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.contract.OpenedSession;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** consoleauth.one_time_tokens: true — the first writer consumes the token; viewers do not. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OneTimeTokensTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-05-01T00:00:00Z"));
    static final DropwizardAppExtension<ConsoleauthConfiguration> APP = ConsoleauthTestApp.extension(CLOCK,
            TestPostgres.freshDatabaseUrl(), ConfigOverride.config("consoleauth.one_time_tokens", "true"));

    private static OpenedSession open(String token, String role) {
        return new InternalHttpClient("consoleauth", ConsoleauthTestApp.baseUri(APP), ConsoleauthTestApp.SECRET,
                Duration.ofSeconds(5)).post("/v1/sessions",
                new OpenSessionRequest(token, "proxy-1", "192.0.2.1:1", null, role), OpenedSession.class);
    }

    @Test
    void theFirstWriterConsumesTheToken() {
        String token = ConsoleauthTestApp.client(APP).authorize(TokensApiTest.request(0)).token();

        assertThat(open(token, "viewer").session().role()).isEqualTo("viewer");
        assertThat(open(token, "writer").session().role()).isEqualTo("writer");

        assertThatThrownBy(() -> open(token, "viewer"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("token_consumed"));
        assertThatThrownBy(() -> ConsoleauthTestApp.client(APP).validate(token))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("token_consumed"));
    }
}
