package io.serialgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenario 3: an expired token, a forged token and a foreign Origin are refused before the upgrade,
 * and a token for serial port 1 reaches port 1 only, whatever the URL says. Throughout, a writer
 * on port 0 watches the guest: nothing reaches it but what that writer types.
 */
@Order(2)
@ExtendWith(E2eStack.class)
class TokenRefusalIT {

    private static String server;

    @BeforeAll
    static void boot(E2eStack.Stack stack) throws Exception {
        server = SharedServer.id(stack);
    }

    @Test
    void badTokensAndForeignOriginsAreRefusedAndTheGuestReceivesNothing(E2eStack.Stack stack) throws Exception {
        String proxy = stack.deployment.serialproxyUrl();
        String expired = stack.tenantA.consoleUrlV3(server, 0);
        expireToken(stack, expired);
        String valid = stack.tenantA.consoleUrlV3(server, 0);
        String forged = proxy + "/serial.html?token=" + "A".repeat(43);

        UpgradeAttempt forgedAttempt = UpgradeAttempt.of(forged, null);
        UpgradeAttempt expiredAttempt = UpgradeAttempt.of(expired, null);
        UpgradeAttempt foreignOrigin = UpgradeAttempt.of(valid, "http://evil.example.com");

        assertThat(forgedAttempt.status()).as("forged token: %s", forgedAttempt.body()).isBetween(400, 499);
        assertThat(forgedAttempt.body()).contains("token_unknown");
        assertThat(expiredAttempt.status()).as("expired token: %s", expiredAttempt.body()).isBetween(400, 499);
        assertThat(expiredAttempt.body()).contains("token_expired");
        assertThat(foreignOrigin.status()).as("foreign Origin: %s", foreignOrigin.body()).isEqualTo(403);
        assertThat(foreignOrigin.body()).contains("origin");

        // The refused token is still good from the right origin: the Origin check refused, not the token.
        try (ConsoleSocket writer = ConsoleSocket.open(valid)) {
            writer.awaitPrompt();
            // Nothing the refused clients tried is in the guest: the shell's history is only ours.
            writer.clear();
            writer.type("ls -d /tmp/refused-* 2>/dev/null | wc -l\r");
            writer.awaitText("\r\n0\r\n", Duration.ofSeconds(15));

            // A port-1 token with a URL that asks for port 0 still lands on port 1 (ttyS1).
            String portOne = stack.tenantA.consoleUrlV3(server, 1) + "&port=0";
            writer.clear();
            try (ConsoleSocket other = ConsoleSocket.open(portOne)) {
                other.awaitPrompt();
                other.type("touch /tmp/refused-port-marker; tty\r");
                other.awaitText("/dev/ttyS1", Duration.ofSeconds(15));
                other.type("rm /tmp/refused-port-marker\r");
            }
            Thread.sleep(500);
            assertThat(writer.text()).as("port 0 received nothing typed on port 1").doesNotContain("refused-port-marker");
        }
    }

    /** Moves one token's expiry into the past, as ten minutes of waiting would. */
    private static void expireToken(E2eStack.Stack stack, String consoleUrl) throws Exception {
        String token = consoleUrl.substring(consoleUrl.indexOf("token=") + 6);
        String hash = String.format("%064x", new BigInteger(1,
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
        try (Connection db = DriverManager.getConnection(stack.deployment.jdbcUrl(), stack.deployment.env().get("SERIALGATE_DB_USER"),
                stack.deployment.env().get("SERIALGATE_DB_PASSWORD"));
             PreparedStatement update = db.prepareStatement("UPDATE consoleauth.tokens SET created_at = now() - interval '20 minutes',"
                     + " expires_at = now() - interval '10 minutes' WHERE token_hash = ?")) {
            update.setString(1, hash);
            assertThat(update.executeUpdate()).as("the token's row (stored as its SHA-256)").isEqualTo(1);
        }
    }
}
