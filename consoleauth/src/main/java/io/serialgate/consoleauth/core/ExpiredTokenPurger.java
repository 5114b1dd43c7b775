package io.serialgate.consoleauth.core;

import io.serialgate.consoleauth.db.TokenDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes tokens that expired more than the retention ago, in bounded batches: each batch is its
 * own short transaction touching at most {@code batchSize} rows, and a run stops after
 * {@code maxBatchesPerRun} batches so one run never monopolises the database. Validation never
 * waits for it: readers are not blocked by PostgreSQL row locks.
 */
public final class ExpiredTokenPurger {

    /** What the last run did; read by the health check. */
    public record Outcome(Instant ranAt, int deleted, boolean failed, String failure) {}

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredTokenPurger.class);
    static final int MAX_BATCHES_PER_RUN = 100;

    private final TokenDao tokens;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;
    private final AtomicReference<Outcome> lastOutcome = new AtomicReference<>();

    public ExpiredTokenPurger(TokenDao tokens, Clock clock, Duration retention, int batchSize) {
        this.tokens = tokens;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    /** One purge run; returns how many tokens it deleted. Safe to call from several threads or instances. */
    public int purgeOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        int total = 0;
        try {
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
                int deleted = tokens.deleteExpiredBefore(cutoff, batchSize);
                total += deleted;
                if (deleted < batchSize) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            lastOutcome.set(new Outcome(now, total, true, e.getClass().getSimpleName()));
            LOG.warn("event=token_purge_failed deleted={} error={}", total, e.getClass().getSimpleName());
            throw e;
        }
        lastOutcome.set(new Outcome(now, total, false, null));
        if (total > 0) {
            LOG.info("event=tokens_purged deleted={} expired_before={}", total, cutoff);
        }
        return total;
    }

    /** The last run's outcome, or null before the first run. */
    public Outcome lastOutcome() {
        return lastOutcome.get();
    }
}
