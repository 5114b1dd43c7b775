package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.client.ConsoleSessionsClient;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.contract.AuthorizeTokenRequest;
import io.serialgate.common.contract.OpenSessionRequest;
import io.serialgate.common.contract.OpenedSession;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.UnavailableException;
import io.serialgate.common.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code internal.compute_url} set, validation (and opening a session) confirms with
 * compute-driver that the token's (host, port) is still where its server's serial port listens.
 * compute-driver is a real HTTP stand-in on an ephemeral port. (An unreachable compute-driver is
 * {@link EndpointRecheckWithoutComputeTest}: one app per class, as config overrides are system properties.)
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EndpointRecheckTest {

    private static final String DB_URL = TestPostgres.freshDatabaseUrl();
    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-05-01T00:00:00Z"));
    private static final ComputeStandIn COMPUTE = new ComputeStandIn(ConsoleauthTestApp.SECRET);

    static final DropwizardAppExtension<ConsoleauthConfiguration> APP = ConsoleauthTestApp.extension(CLOCK, DB_URL,
            ConfigOverride.config("internal.compute_url", COMPUTE.uri().toString()),
            ConfigOverride.config("internal.timeout_seconds", "2"));
    @AfterAll
    static void stopCompute() {
        COMPUTE.close();
    }

    private static String token(String instance, int portIndex, int port) {
        return token(APP, instance, portIndex, port);
    }

    private static ConsoleauthClient tokens(DropwizardAppExtension<?> app) {
        return ConsoleauthTestApp.client(app);
    }

    static String token(DropwizardAppExtension<?> app, String instance, int portIndex, int port) {
        return ConsoleauthTestApp.client(app).authorize(new AuthorizeTokenRequest("tenant-r", instance, portIndex,
                "127.0.0.1", port, "http://127.0.0.1:6083/serial.html")).token();
    }

    private static ConsoleSessionsClient sessions() {
        return new ConsoleSessionsClient(ConsoleauthTestApp.baseUri(APP), ConsoleauthTestApp.SECRET, Duration.ofSeconds(5));
    }

    private static OpenedSession openWriter(String token, String clientAddress) {
        return sessions().open(new OpenSessionRequest(token, "proxy-r", clientAddress, null, "writer"));
    }

    private static void assertStale(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.reason()).isEqualTo("token_stale");
            assertThat(e.getMessage()).contains("stale");
        });
    }

    @Test
    void aTokenWhoseSerialPortIsWhereItWasValidatesAndOpensASession() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 1, "127.0.0.1", 10101);
        String token = token(instance, 1, 10101);
        int before = COMPUTE.requests();

        assertThat(tokens(APP).validate(token).port()).isEqualTo(10101);
        assertThat(sessions().open(new OpenSessionRequest(token, "proxy-r", "192.0.2.1:1", null, "viewer"))
                .binding().port()).isEqualTo(10101);
        assertThat(COMPUTE.requests()).as("compute was asked, with the credential").isEqualTo(before + 2);
    }

    @Test
    void aTokenWhosePortMovedIsStale() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 0, "127.0.0.1", 10200);
        String token = token(instance, 0, 10200);
        assertThat(tokens(APP).validate(token).port()).isEqualTo(10200);

        COMPUTE.place(instance, 0, "127.0.0.1", 10201);

        assertStale(() -> tokens(APP).validate(token));
        assertStale(() -> openWriter(token, "192.0.2.1:2"));
    }

    @Test
    void aTokenWhoseServerMovedToAnotherHostIsStale() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 0, "10.0.0.7", 10300);
        String token = token(instance, 0, 10300);

        assertStale(() -> tokens(APP).validate(token));
    }

    @Test
    void aTokenWhoseServerIsGoneIsStale() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 0, "127.0.0.1", 10400);
        String token = token(instance, 0, 10400);

        COMPUTE.remove(instance);

        assertStale(() -> tokens(APP).validate(token));
    }

    @Test
    void aTokenForASerialPortTheServerDoesNotHaveIsStale() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 0, "127.0.0.1", 10500);

        assertStale(() -> tokens(APP).validate(token(instance, 3, 10500)));
    }

    @Test
    void aTokenOfAStoppedServerIsRefusedAsNotRunningAndWorksOnceItRunsAgain() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 0, "127.0.0.1", 10550);
        String token = token(instance, 0, 10550);
        COMPUTE.stopped(instance, true);
        try {
            for (Runnable call : new Runnable[] {() -> tokens(APP).validate(token), () -> openWriter(token, "192.0.2.1:5")}) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo("server_not_running");
                    assertThat(e.getMessage()).contains("server not running: start it");
                });
            }
        } finally {
            COMPUTE.stopped(instance, false);
        }
        // The refused writer left no session behind: the slot is free.
        assertThat(openWriter(token, "192.0.2.1:6").binding().port()).isEqualTo(10550);
    }

    @Test
    void tokensRefusedForOtherReasonsNeverReachCompute() {
        int before = COMPUTE.requests();

        assertThatThrownBy(() -> tokens(APP).validate("no-such-token"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.reason()).isEqualTo("token_unknown"));
        assertThat(COMPUTE.requests()).isEqualTo(before);
    }

    @Test
    void aFailingComputeIs503() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 0, "127.0.0.1", 10700);
        String token = token(instance, 0, 10700);
        COMPUTE.failing(true);
        try {
            assertThatThrownBy(() -> tokens(APP).validate(token))
                    .isInstanceOfSatisfying(UnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo("compute_unavailable"));
        } finally {
            COMPUTE.failing(false);
        }
        assertThat(tokens(APP).validate(token).port()).isEqualTo(10700);
    }

    // The re-check runs while the session is written, and the transaction commits only after it
    // passed: the refusals below must leave nothing behind and keep their precedence.

    @Test
    void aWriterRefusedAsStaleLeavesTheWriterSlotFree() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 0, "127.0.0.1", 10800);
        String token = token(instance, 0, 10800);
        COMPUTE.place(instance, 0, "127.0.0.1", 10801);

        assertStale(() -> openWriter(token, "192.0.2.1:3"));

        COMPUTE.place(instance, 0, "127.0.0.1", 10800);
        assertThat(openWriter(token, "192.0.2.1:4").session().role()).as("the refused open was rolled back")
                .isEqualTo("writer");
    }

    @Test
    void aStaleTokenForAPortThatHasAWriterIsRefusedAsStaleNotInUse() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 0, "127.0.0.1", 10900);
        String first = token(instance, 0, 10900);
        String second = token(instance, 0, 10900);
        openWriter(first, "192.0.2.1:5");

        COMPUTE.place(instance, 0, "127.0.0.1", 10901);

        assertStale(() -> openWriter(second, "192.0.2.1:6"));
    }

    @Test
    void aWriterRefusedBecauseComputeFailedIs503AndLeavesTheWriterSlotFree() {
        String instance = UUID.randomUUID().toString();
        COMPUTE.place(instance, 0, "127.0.0.1", 11000);
        String token = token(instance, 0, 11000);
        COMPUTE.failing(true);
        try {
            assertThatThrownBy(() -> openWriter(token, "192.0.2.1:7")).isInstanceOfSatisfying(
                    UnavailableException.class, e -> assertThat(e.reason()).isEqualTo("compute_unavailable"));
        } finally {
            COMPUTE.failing(false);
        }
        assertThat(openWriter(token, "192.0.2.1:8").session().role()).isEqualTo("writer");
    }
}
