package io.serialgate.consoleauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serialgate.common.config.OptionDoc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code consoleauth:} section: how long a console token lives and how expired tokens are
 * purged. Every value is in seconds or rows and is bounds-checked by {@link #problems()}.
 */
public final class ConsoleauthOptions {

    public static final String SECTION = "consoleauth";

    static final int MIN_TOKEN_TTL = 10;
    static final int MAX_TOKEN_TTL = 86_400;

    /** Seconds a console token stays valid after it is issued (Nova's [consoleauth] token_ttl). */
    @JsonProperty("token_ttl")
    @OptionDoc("Seconds a console token stays valid after it is issued (10 to 86400).")
    private int tokenTtl = 600;

    /** Seconds between two runs of the background purge of expired tokens. */
    @JsonProperty("purge_interval")
    @OptionDoc("Seconds between two background purges of expired tokens (1 to 3600).")
    private int purgeInterval = 60;

    /** Rows deleted per purge transaction, so a purge never holds many locks at once. */
    @JsonProperty("purge_batch_size")
    @OptionDoc("Expired tokens deleted per purge transaction, so a purge never holds many locks (1 to 100000).")
    private int purgeBatchSize = 1000;

    /**
     * Seconds an expired token is kept before it is purged, so that a late validation is still
     * answered {@code token_expired} rather than {@code token_unknown}.
     */
    @JsonProperty("expired_token_retention")
    @OptionDoc("Seconds an expired token is kept before it is purged, so a late use is answered token_expired rather than token_unknown (0 to 604800).")
    private int expiredTokenRetention = 3600;

    /**
     * Seconds a proxy may stay silent before its sessions are ended as {@code proxy-lost} and
     * their writer slots freed. Proxies heartbeat every second.
     */
    @JsonProperty("session_lease")
    @OptionDoc("Seconds a serialproxy may stay silent before its console sessions end as proxy-lost and their writer slots are freed (3 to 15).")
    private int sessionLease = 15;

    /** When true, the first successful writer connect consumes the token. */
    @JsonProperty("one_time_tokens")
    @OptionDoc("When true, the first successful writer connection consumes the token.")
    private boolean oneTimeTokens = false;

    public Duration tokenTtl() { return Duration.ofSeconds(tokenTtl); }
    public Duration purgeInterval() { return Duration.ofSeconds(purgeInterval); }
    public int purgeBatchSize() { return purgeBatchSize; }
    public Duration expiredTokenRetention() { return Duration.ofSeconds(expiredTokenRetention); }

    public Duration sessionLease() { return Duration.ofSeconds(sessionLease); }
    public boolean oneTimeTokens() { return oneTimeTokens; }

    public ConsoleauthOptions tokenTtl(int seconds) { this.tokenTtl = seconds; return this; }

    /** Every out-of-bounds value, one line each naming the option. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        check(problems, "token_ttl", tokenTtl, MIN_TOKEN_TTL, MAX_TOKEN_TTL);
        check(problems, "purge_interval", purgeInterval, 1, 3600);
        check(problems, "purge_batch_size", purgeBatchSize, 1, 100_000);
        check(problems, "session_lease", sessionLease, 3, 15);
        check(problems, "expired_token_retention", expiredTokenRetention, 0, 7 * 86_400);
        return problems;
    }

    private static void check(List<String> problems, String option, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(SECTION + "." + option + ": must be between " + min + " and " + max + ", got " + value);
        }
    }
}
