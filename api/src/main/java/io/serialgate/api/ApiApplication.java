package io.serialgate.api;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.serialgate.api.auth.ApiKeyAuthFilter;
import io.serialgate.api.auth.InternalAuthFilter;
import io.serialgate.api.cli.CreateApiKeyCommand;
import io.serialgate.api.cli.ListApiKeysCommand;
import io.serialgate.api.cli.RevokeApiKeyCommand;
import io.serialgate.api.core.AdminKeyBootstrap;
import io.serialgate.api.core.ApiKeys;
import io.serialgate.common.client.ComputeClients;
import io.serialgate.api.core.ComputeHosts;
import io.serialgate.api.core.ConsoleAuthTokens;
import io.serialgate.api.core.ConsoleOutputs;
import io.serialgate.api.core.ConsoleSessions;
import io.serialgate.api.core.PowerStateSync;
import io.serialgate.common.app.PeriodicJob;
import io.serialgate.common.app.ReportingTask;
import io.serialgate.api.core.SerialConsoles;
import io.serialgate.api.core.ServerPower;
import io.serialgate.api.core.FailedSpawnCleanup;
import io.serialgate.api.core.Servers;
import io.serialgate.api.db.ComputeHostDao;
import io.serialgate.api.db.ServerDao;
import io.serialgate.api.errors.BodySizeFilter;
import io.serialgate.api.errors.DatabaseUnavailableMapper;
import io.serialgate.api.errors.EarlyEofExceptionMapper;
import io.serialgate.api.errors.JsonProcessingExceptionMapper;
import io.serialgate.api.errors.SerialgateExceptionMapper;
import io.serialgate.api.errors.UnexpectedExceptionMapper;
import io.serialgate.api.errors.WebApplicationExceptionMapper;
import io.serialgate.api.logging.TokenSafeRequestLogFactory;
import io.serialgate.api.microversion.MicroversionFilter;
import io.serialgate.api.resources.ComputeHostsResource;
import io.serialgate.api.resources.ConsoleAuthTokensResource;
import io.serialgate.api.resources.ConsoleSessionsResource;
import io.serialgate.api.resources.SerialPortsResource;
import io.serialgate.api.resources.ServersResource;
import io.serialgate.api.resources.ServicesResource;
import io.serialgate.api.resources.V3SerialConsoleResource;
import io.serialgate.api.resources.VersionsResource;
import io.serialgate.common.app.SerialgateApplication;
import io.serialgate.common.client.ConsoleSessionsClient;
import io.serialgate.common.client.ConsoleauthClient;
import io.serialgate.common.config.InternalEndpoints;
import io.serialgate.common.db.Databases;
import java.io.PrintStream;
import java.time.Duration;
import io.serialgate.common.db.SingleRowQuery;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * serialgate's public, Nova-compatible REST API: API keys, servers and console URLs, plus the
 * internal compute host heartbeat endpoint.
 * Wiring only; the logic lives in {@code core}.
 */
public class ApiApplication extends SerialgateApplication<ApiConfiguration> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiApplication.class);

    public static final String SCHEMA = "api";

    public static void main(String[] args) throws Exception {
        new ApiApplication().run(args);
    }

    @Override
    public String getName() {
        return "serialgate-api";
    }

    @Override
    protected String databaseSchema() {
        return SCHEMA;
    }

    @Override
    public void initialize(Bootstrap<ApiConfiguration> bootstrap) {
        super.initialize(bootstrap);
        bootstrap.addCommand(new CreateApiKeyCommand(commandOutput()));
        bootstrap.addCommand(new ListApiKeysCommand(commandOutput()));
        bootstrap.addCommand(new RevokeApiKeyCommand(commandOutput()));
    }

    /** Where the key commands print their answers. */
    protected PrintStream commandOutput() {
        return System.out;
    }

    @Override
    public void run(ApiConfiguration configuration, Environment environment) {
        // Every error, Jersey's own included, must leave as a Nova fault: replace Dropwizard's mappers.
        if (configuration.getServerFactory() instanceof AbstractServerFactory serverFactory) {
            serverFactory.setRegisterDefaultExceptionMappers(false);
        }
        // GET /v2.1/os-console-auth-tokens/{token} carries a token in its path: keep it out of the request log.
        TokenSafeRequestLogFactory.install(configuration.getServerFactory());

        Jdbi jdbi = Databases.migrateAndConnect(environment, configuration.database(), SCHEMA);
        jdbi.installPlugin(new SqlObjectPlugin());
        ApiKeys apiKeys = new ApiKeys(jdbi);
        new AdminKeyBootstrap(apiKeys, configuration.api()).ensureAdminKey();

        InternalEndpoints internal = configuration.internal();
        String secret = configuration.serviceAuth().secret();
        Duration timeout = Duration.ofSeconds(internal.timeoutSeconds());
        ConsoleauthClient consoleauth = new ConsoleauthClient(internal.consoleauthUrl(), secret, timeout);
        // internal.compute_url is the static fallback host until a compute host sends a heartbeat.
        ComputeHosts hosts = new ComputeHosts(jdbi.onDemand(ComputeHostDao.class), new ComputeClients(secret, timeout),
                internal.computeUrl(), configuration.api().computeHostTimeoutSeconds());

        // A spawn the api saw fail may have succeeded on its host (which died or timed out before
        // answering): destroy it there until the host confirms, so ERROR servers hold no ports.
        FailedSpawnCleanup cleanup = new FailedSpawnCleanup(Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMinutes(10));
        environment.lifecycle().manage(cleanup);
        Servers servers = new Servers(jdbi.onDemand(ServerDao.class),
                new SingleRowQuery<>(jdbi, ServerDao.FIND_BY_ID, "id", new ServerDao.ServerMapper()), hosts, cleanup);
        ServerPower power = new ServerPower(servers, jdbi.onDemand(ServerDao.class));
        PowerStateSync powerSync = new PowerStateSync(jdbi.onDemand(ServerDao.class), hosts);
        if (configuration.api().powerStateSyncSeconds() > 0) {
            environment.lifecycle().manage(new PeriodicJob("power-state-sync",
                    Duration.ofSeconds(configuration.api().powerStateSyncSeconds()), powerSync::syncOnce));
        } else {
            LOG.info("event=power_state_sync_off");
        }
        // Prints checked=N changed=N hosts_unreachable=N.
        environment.admin().addTask(new ReportingTask("sync-power-states", powerSync::syncOnce));
        SerialConsoles consoles = new SerialConsoles(configuration.serialConsole(), servers, consoleauth, power);
        ConsoleSessions sessions = new ConsoleSessions(servers,
                new ConsoleSessionsClient(internal.consoleauthUrl(), secret, timeout));

        environment.jersey().register(new BodySizeFilter());
        environment.jersey().register(new InternalAuthFilter(secret));
        environment.jersey().register(new ApiKeyAuthFilter(apiKeys));
        environment.jersey().register(new MicroversionFilter());
        environment.jersey().register(new VersionsResource());
        environment.jersey().register(new ServersResource(servers, consoles, sessions, new ConsoleOutputs(servers), power));
        environment.jersey().register(new ConsoleSessionsResource(sessions));
        environment.jersey().register(new SerialPortsResource(sessions));
        environment.jersey().register(new V3SerialConsoleResource(consoles));
        environment.jersey().register(new ConsoleAuthTokensResource(new ConsoleAuthTokens(consoleauth)));
        environment.jersey().register(new ServicesResource(hosts));
        environment.jersey().register(new ComputeHostsResource(hosts));

        environment.jersey().register(new SerialgateExceptionMapper());
        environment.jersey().register(new JsonProcessingExceptionMapper());
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new DatabaseUnavailableMapper());
        environment.jersey().register(new EarlyEofExceptionMapper());
        environment.jersey().register(new UnexpectedExceptionMapper());
    }
}
