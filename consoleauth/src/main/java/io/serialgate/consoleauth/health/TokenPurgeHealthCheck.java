package io.serialgate.consoleauth.health;

import com.codahale.metrics.health.HealthCheck;
import io.serialgate.consoleauth.core.ExpiredTokenPurger;

/** Unhealthy while the last purge of expired tokens failed (the table would grow without bound). */
public final class TokenPurgeHealthCheck extends HealthCheck {

    private final ExpiredTokenPurger purger;

    public TokenPurgeHealthCheck(ExpiredTokenPurger purger) {
        this.purger = purger;
    }

    @Override
    protected Result check() {
        ExpiredTokenPurger.Outcome last = purger.lastOutcome();
        if (last == null) {
            return Result.healthy("no purge has run yet");
        }
        if (last.failed()) {
            return Result.unhealthy("last purge at " + last.ranAt() + " failed: " + last.failure());
        }
        return Result.healthy("last purge at " + last.ranAt() + " deleted " + last.deleted());
    }
}
