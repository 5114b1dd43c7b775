package io.serialgate.consoleauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.serialgate.common.auth.Secrets;
import io.serialgate.common.db.Databases;
import io.serialgate.common.testing.TestPostgres;
import io.serialgate.consoleauth.core.ExpiredTokenPurger;
import io.serialgate.consoleauth.db.TokenDao;
import io.serialgate.consoleauth.db.TokenRow;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The purge on a real PostgreSQL: bounded batches, only tokens past the retention. */
class ExpiredTokenPurgerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static Jdbi jdbi;
    private static TokenDao tokens;

    @BeforeAll
    static void database() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestPostgres.freshDatabaseUrl());
        Databases.migrate(dataSource, ConsoleauthApplication.SCHEMA);
        jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        tokens = jdbi.onDemand(TokenDao.class);
    }

    private static void insert(Instant expiresAt) {
        tokens.insert(new TokenRow(Secrets.sha256Hex(Secrets.randomToken(32)), "t", UUID.randomUUID().toString(), 0,
                "127.0.0.1", 10000, "http://p/s.html", expiresAt.minusSeconds(600), expiresAt, null, null, null));
    }

    private static int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM consoleauth.tokens").mapTo(Integer.class).one());
    }

    @Test
    void deletesOnlyTokensPastTheRetentionInBatches() {
        jdbi.useHandle(h -> h.execute("DELETE FROM consoleauth.tokens"));
        for (int i = 0; i < 25; i++) {
            insert(T0.minusSeconds(120 + i));      // expired 2+ minutes ago: past a 60 s retention
        }
        insert(T0.minusSeconds(30));               // expired, but within the retention
        insert(T0.plusSeconds(300));               // still valid
        TestClock clock = new TestClock(T0);
        ExpiredTokenPurger purger = new ExpiredTokenPurger(tokens, clock, Duration.ofSeconds(60), 10);

        assertThat(purger.purgeOnce()).isEqualTo(25);
        assertThat(count()).isEqualTo(2);
        assertThat(purger.lastOutcome().failed()).isFalse();
        assertThat(purger.purgeOnce()).isZero();

        clock.advance(Duration.ofSeconds(31));
        assertThat(purger.purgeOnce()).isEqualTo(1);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void oneBatchIsBoundedByTheBatchSize() {
        jdbi.useHandle(h -> h.execute("DELETE FROM consoleauth.tokens"));
        for (int i = 0; i < 7; i++) {
            insert(T0.minusSeconds(3600));
        }

        assertThat(tokens.deleteExpiredBefore(T0, 3)).isEqualTo(3);
        assertThat(count()).isEqualTo(4);
    }
}
