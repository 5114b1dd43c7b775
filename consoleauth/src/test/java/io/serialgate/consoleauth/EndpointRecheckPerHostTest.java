package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.TokenBinding;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.testing.TestPostgres;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several compute hosts: a token carries the URL of the compute-driver serving its server (the api
 * sends it), and validation re-checks the endpoint there, not at one configured compute-driver.
 * This consoleauth has no {@code internal.compute_url} at all.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EndpointRecheckPerHostTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-05-03T00:00:00Z"));
    private static final ComputeStandIn HOST_A = new ComputeStandIn(ConsoleauthTestApp.SECRET);
    private static final ComputeStandIn HOST_B = new ComputeStandIn(ConsoleauthTestApp.SECRET);
    static final DropwizardAppExtension<ConsoleauthConfiguration> APP = ConsoleauthTestApp.extension(CLOCK,
            TestPostgres.freshDatabaseUrl());

    @AfterAll
    static void stopHosts() {
        HOST_A.close();
        HOST_B.close();
    }

    private static String token(String instance, int port, ComputeStandIn host) {
        return ConsoleauthTestApp.client(APP).authorize(new AuthorizeTokenRequest("tenant-h", instance, 0,
                "10.0.0.2", port, "http://127.0.0.1:6083/serial.html", host.uri().toString())).token();
    }

    @Test
    void eachTokenIsRecheckedAtTheComputeDriverOfItsServer() {
        String onA = UUID.randomUUID().toString();
        String onB = UUID.randomUUID().toString();
        HOST_A.place(onA, 0, "10.0.0.2", 10001);
        HOST_B.place(onB, 0, "10.0.0.2", 10002);
        String tokenA = token(onA, 10001, HOST_A);
        String tokenB = token(onB, 10002, HOST_B);
        int askedA = HOST_A.requests();
        int askedB = HOST_B.requests();

        TokenBinding bindingB = ConsoleauthTestApp.client(APP).validate(tokenB);

        assertThat(bindingB.port()).isEqualTo(10002);
        assertThat(HOST_B.requests()).isEqualTo(askedB + 1);
        assertThat(HOST_A.requests()).isEqualTo(askedA);
        assertThat(ConsoleauthTestApp.client(APP).validate(tokenA).port()).isEqualTo(10001);
        assertThat(HOST_A.requests()).isEqualTo(askedA + 1);
    }

    @Test
    void aServerGoneFromItsHostMakesItsTokenStaleEvenIfAnotherHostKnowsTheSameEndpoint() {
        String instance = UUID.randomUUID().toString();
        HOST_A.place(instance, 0, "10.0.0.2", 10003);
        String token = token(instance, 10003, HOST_A);
        HOST_A.remove(instance);
        HOST_B.place(instance, 0, "10.0.0.2", 10003);

        assertThatThrownBy(() -> ConsoleauthTestApp.client(APP).validate(token))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("token_stale"));
    }

    @Test
    void aTokenNamingNoComputeDriverIsNotRecheckedWhenNoneIsConfigured() {
        String instance = UUID.randomUUID().toString();
        String token = ConsoleauthTestApp.client(APP).authorize(new AuthorizeTokenRequest("tenant-h", instance, 0,
                "10.0.0.2", 10004, "http://127.0.0.1:6083/serial.html")).token();

        assertThat(ConsoleauthTestApp.client(APP).validate(token).port()).isEqualTo(10004);
    }
}
