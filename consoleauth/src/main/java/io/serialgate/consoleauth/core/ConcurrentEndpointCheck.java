package io.serialgate.consoleauth.core;

import io.serialgate.consoleauth.db.TokenRow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Runs a token's endpoint re-check (a call to compute-driver) on a thread of its own while the
 * caller writes the console session to PostgreSQL, so a console connect waits for the slower of the
 * two instead of their sum (measured in bench/: about 1 ms of a 3.5 ms connect). The caller must
 * {@link Pending#await} the outcome before its transaction commits: a stale token then rolls the
 * session back and is refused exactly as if it had been checked first.
 *
 * <p>The executor is expected to run a task on the caller's thread when all its threads are busy
 * (a {@code CallerRunsPolicy}): under a burst of connects the check is then made in sequence, as
 * without this class, instead of queueing behind other connects' checks.
 */
public final class ConcurrentEndpointCheck {

    private final EndpointCheck endpoints;
    private final Executor executor;

    public ConcurrentEndpointCheck(EndpointCheck endpoints, Executor executor) {
        this.endpoints = endpoints;
        this.executor = executor;
    }

    /** Starts the check of {@code token}'s endpoint; nothing runs when the check does not apply. */
    public Pending start(TokenRow token) {
        if (!endpoints.appliesTo(token)) {
            return Pending.PASSED;
        }
        return new Pending(CompletableFuture.runAsync(() -> endpoints.confirm(token), executor));
    }

    /** A check under way. */
    public static final class Pending {

        static final Pending PASSED = new Pending(CompletableFuture.completedFuture(null));

        private final CompletableFuture<Void> outcome;

        private Pending(CompletableFuture<Void> outcome) {
            this.outcome = outcome;
        }

        /**
         * Returns once the endpoint is confirmed; throws what {@link EndpointCheck#confirm} threw
         * ({@code token_stale}, {@code compute_unavailable}), unwrapped.
         */
        public void await() {
            try {
                outcome.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException refusal) {
                    throw refusal;
                }
                throw e;
            }
        }
    }
}
