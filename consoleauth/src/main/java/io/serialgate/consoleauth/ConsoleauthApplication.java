package io.serialgate.consoleauth;

import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.serialgate.common.app.SerialgateApplication;
import io.serialgate.common.client.ComputeClients;
import io.serialgate.common.config.InternalEndpoints;
import io.serialgate.common.db.Databases;
import io.serialgate.consoleauth.core.ComputeEndpointCheck;
import io.serialgate.consoleauth.core.ConcurrentEndpointCheck;
import io.serialgate.consoleauth.core.EndpointCheck;
import io.serialgate.consoleauth.core.ExpiredTokenPurger;
import io.serialgate.common.app.PeriodicJob;
import io.serialgate.consoleauth.core.SessionService;
import io.serialgate.consoleauth.core.TokenService;
import io.serialgate.consoleauth.db.TokenDao;
import io.serialgate.consoleauth.health.TokenPurgeHealthCheck;
import io.serialgate.consoleauth.resources.SessionsResource;
import io.serialgate.consoleauth.resources.TokensResource;
import io.serialgate.common.app.ReportingTask;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.net.URI;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/** consoleauth: console tokens and console sessions. Wiring only; the logic lives in core/. */
public class ConsoleauthApplication extends SerialgateApplication<ConsoleauthConfiguration> {

    /** The PostgreSQL schema (and Flyway location db/migration/consoleauth) this service owns. */
    public static final String SCHEMA = "consoleauth";
    /** Concurrent endpoint re-checks; past this many, connects make theirs on their own thread. */
    static final int ENDPOINT_CHECK_THREADS = 64;

    private final Clock clock;

    public ConsoleauthApplication() {
        this(Clock.systemUTC());
    }

    /** For tests that move time: every expiry decision reads this clock. */
    public ConsoleauthApplication(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        new ConsoleauthApplication().run(args);
    }

    @Override
    public String getName() {
        return "consoleauth";
    }

    @Override
    protected String databaseSchema() {
        return SCHEMA;
    }

    @Override
    public void initialize(Bootstrap<ConsoleauthConfiguration> bootstrap) {
        super.initialize(bootstrap);
    }

    @Override
    public void run(ConsoleauthConfiguration configuration, Environment environment) {
        // PostgreSQL puts offending values (a token hash) in error details: keep them out of logs.
        configuration.database().getProperties().putIfAbsent("logServerErrorDetail", "false");

        Jdbi jdbi = Databases.migrateAndConnect(environment, configuration.database(), SCHEMA);
        // Jdbi would render bound parameters (a token hash) into exception messages.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        TokenDao tokenDao = jdbi.onDemand(TokenDao.class);

        ConsoleauthOptions options = configuration.consoleauth();
        EndpointCheck endpointCheck = endpointCheck(configuration);
        TokenService tokens = new TokenService(jdbi, clock, options.tokenTtl(), endpointCheck);
        ExpiredTokenPurger purger = new ExpiredTokenPurger(tokenDao, clock,
                options.expiredTokenRetention(), options.purgeBatchSize());
        SessionService sessions = new SessionService(jdbi, tokens,
                new ConcurrentEndpointCheck(endpointCheck, endpointCheckThreads(environment)), clock, options.sessionLease(),
                options.oneTimeTokens());

        // Service credential, 64 KiB body limit, ErrorBody for every error, and a request that
        // omits port or port_index refused rather than read as 0.
        protectInternalApi(configuration, environment);
        environment.jersey().register(new TokensResource(tokens));
        environment.jersey().register(new SessionsResource(sessions));

        environment.lifecycle().manage(new PeriodicJob("consoleauth-token-purge", options.purgeInterval(), purger::purgeOnce));
        // A third of the lease, so a silent proxy's sessions end within 1.33 leases even if no one claims them.
        environment.lifecycle().manage(new PeriodicJob("consoleauth-session-lease",
                options.sessionLease().dividedBy(3), sessions::endLostSessions));
        environment.admin().addTask(new ReportingTask("purge-expired-tokens", () -> "deleted=" + purger.purgeOnce()));
        environment.healthChecks().register("token-purge", new TokenPurgeHealthCheck(purger));
    }

    /**
     * Threads that re-check a connecting token's endpoint while its session is written. No queue:
     * when all are busy the connect's own thread makes the check (a queued check would wait behind
     * others' compute-driver calls while its connect waits for it).
     */
    private static ExecutorService endpointCheckThreads(Environment environment) {
        return environment.lifecycle().executorService("endpoint-check-%d")
                .minThreads(0)
                .maxThreads(ENDPOINT_CHECK_THREADS)
                .keepAliveTime(io.dropwizard.util.Duration.seconds(60))
                .workQueue(new SynchronousQueue<>())
                .rejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy())
                .build();
    }

    /**
     * Validation confirms each token's (host, port) with the compute-driver the api named for it,
     * else with {@code internal.compute_url} when an {@code internal:} section is configured.
     */
    private static EndpointCheck endpointCheck(ConsoleauthConfiguration configuration) {
        String secret = configuration.serviceAuth().secret();
        Duration timeout = Duration.ofSeconds(configuration.internal().orElseGet(InternalEndpoints::new).timeoutSeconds());
        URI configured = configuration.internal().map(InternalEndpoints::computeUrl).orElse(null);
        return new ComputeEndpointCheck(configured, new ComputeClients(secret, timeout));
    }
}
