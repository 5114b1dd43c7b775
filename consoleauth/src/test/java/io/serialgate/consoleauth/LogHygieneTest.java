package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.serialgate.common.auth.Secrets;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.contract.AuthorizedToken;
import io.serialgate.common.error.SerialgateException;
import io.serialgate.common.testing.TestPostgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** Every log line of a full token lifecycle, searched for tokens, token hashes and the service secret. */
@ExtendWith(DropwizardExtensionsSupport.class)
class LogHygieneTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2026-02-01T00:00:00Z"));
    static final DropwizardAppExtension<ConsoleauthConfiguration> APP =
            ConsoleauthTestApp.extension(CLOCK, TestPostgres.freshDatabaseUrl());

    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    @BeforeAll
    static void captureLogs() {
        // attached after the server started: Dropwizard resets logging while it starts
        Logger root = rootLogger();
        LOGS.setContext(root.getLoggerContext());
        LOGS.start();
        root.addAppender(LOGS);
    }

    @AfterAll
    static void stopCapturing() {
        rootLogger().detachAppender(LOGS);
    }

    private static Logger rootLogger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void noTokenHashOrSecretIsEverLogged() throws Exception {
        ConsoleauthClient client = ConsoleauthTestApp.client(APP);
        List<String> secrets = new ArrayList<>(List.of(ConsoleauthTestApp.SECRET));

        AuthorizedToken valid = client.authorize(TokensApiTest.request(0));
        AuthorizedToken expiring = client.authorize(TokensApiTest.request(1));
        client.validate(valid.token());
        io.serialgate.common.client.InternalHttpClient sessions = new io.serialgate.common.client.InternalHttpClient(
                "consoleauth", ConsoleauthTestApp.baseUri(APP), ConsoleauthTestApp.SECRET, Duration.ofSeconds(5));
        io.serialgate.common.contract.OpenedSession opened = sessions.post("/v1/sessions",
                new io.serialgate.common.contract.OpenSessionRequest(valid.token(), "proxy-log", "192.0.2.9:9", "ua",
                        "writer"), io.serialgate.common.contract.OpenedSession.class);
        assertThatThrownBy(() -> sessions.post("/v1/sessions",
                new io.serialgate.common.contract.OpenSessionRequest(valid.token(), "proxy-log", "192.0.2.9:10", "ua",
                        "writer"), io.serialgate.common.contract.OpenedSession.class))
                .isInstanceOf(SerialgateException.class);
        sessions.post("/v1/sessions/revoke", new io.serialgate.common.contract.RevokeSessionsRequest(
                opened.session().sessionId(), null, null), io.serialgate.common.contract.RevokedSessions.class);
        assertThatThrownBy(() -> client.validate(valid.token())).isInstanceOf(SerialgateException.class);
        CLOCK.advance(Duration.ofSeconds(601));
        assertThatThrownBy(() -> client.validate(expiring.token())).isInstanceOf(SerialgateException.class);
        String unknown = Secrets.randomToken(32);
        assertThatThrownBy(() -> client.validate(unknown)).isInstanceOf(SerialgateException.class);
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(ConsoleauthTestApp.baseUri(APP).resolve("v1/tokens/validate"))
                .header("Authorization", "Bearer " + ConsoleauthTestApp.SECRET)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + valid.token() + "\" oops")).build(),
                HttpResponse.BodyHandlers.ofString());
        CLOCK.advance(Duration.ofHours(2));
        HttpResponse<String> purge = http.send(HttpRequest.newBuilder(
                        ConsoleauthTestApp.adminUri(APP).resolve("tasks/purge-expired-tokens"))
                .header("Authorization", "Bearer " + ConsoleauthTestApp.SECRET)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(purge.statusCode()).as(purge.body()).isEqualTo(200);

        for (String token : List.of(valid.token(), expiring.token(), unknown)) {
            secrets.add(token);
            secrets.add(Secrets.sha256Hex(token));
        }
        List<String> lines = LOGS.list.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .toList();
        assertThat(lines).anyMatch(line -> line.contains("event=token_issued"));
        assertThat(lines).anyMatch(line -> line.contains("event=token_refused reason=token_expired"));
        assertThat(lines).anyMatch(line -> line.contains("event=tokens_purged"));
        assertThat(lines).anyMatch(line -> line.contains("event=session_refused reason=console_in_use"));
        assertThat(lines).anyMatch(line -> line.contains("event=token_refused reason=token_revoked"));
        for (String secret : secrets) {
            assertThat(lines).noneMatch(line -> line.contains(secret));
        }
    }
}
