package io.serialgate.compute.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.serialgate.common.client.ApiInternalClient;
import io.serialgate.common.config.PortRange;
import io.serialgate.common.contract.ComputeHostHeartbeat;
import io.serialgate.compute.db.TestJdbi;
import io.serialgate.compute.testing.StandInApi;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The heartbeat against a real HTTP stand-in of the api and a real allocator. */
class HostHeartbeatTest {

    private static final String SECRET = "s".repeat(40);

    private StandInApi api;
    private PortAllocator allocator;
    private ListAppender<ILoggingEvent> logs;
    private Logger logger;

    @BeforeEach
    void setUp() throws Exception {
        api = new StandInApi();
        allocator = new PortAllocator(TestJdbi.freshMigrated(), "beat-" + UUID.randomUUID(),
                PortRange.parse("27000:27009"), new PortProbe(InetAddress.getLoopbackAddress()));
        logger = (Logger) LoggerFactory.getLogger(HostHeartbeat.class);
        logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logs);
        api.close();
    }

    private HostHeartbeat heartbeat(Duration interval, String url) {
        return new HostHeartbeat(new ApiInternalClient(api.url(), SECRET, Duration.ofSeconds(2)), api.url().toString(),
                "fake", allocator, 4, interval, url);
    }

    private List<String> events() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .map(m -> m.split(" ")[0]).filter(e -> !e.equals("event=heartbeat_started")).toList();
    }

    @Test
    void sendsHostUrlDriverRangeAndFreePortsWithTheCredential() throws Exception {
        allocator.allocate(UUID.randomUUID().toString(), 3);
        assertTrue(heartbeat(Duration.ofSeconds(5), "http://10.0.0.7:8782").beat());
        StandInApi.Received received = api.next(1);
        assertEquals("Bearer " + SECRET, received.authorization());
        assertEquals(new ComputeHostHeartbeat(allocator.host(), "http://10.0.0.7:8782", "fake", "27000:27009", 7, 4),
                received.heartbeat());
    }

    @Test
    void failuresAreLoggedOncePerStateChangeAndNeverThrown() throws Exception {
        HostHeartbeat heartbeat = heartbeat(Duration.ofSeconds(5), "http://127.0.0.1:1");
        assertTrue(heartbeat.beat());
        api.answer(503);
        assertFalse(heartbeat.beat());
        assertFalse(heartbeat.beat());
        assertFalse(heartbeat.beat());
        api.answer(204);
        assertTrue(heartbeat.beat());
        assertTrue(heartbeat.beat());
        api.close(); // unreachable now: connection refused
        assertFalse(heartbeat.beat());
        assertFalse(heartbeat.beat());
        assertEquals(List.of("event=heartbeat_delivered", "event=heartbeat_failed", "event=heartbeat_restored",
                "event=heartbeat_failed"), events());
        assertFalse(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains(SECRET)));
    }

    @Test
    void scheduledBeatsKeepGoingThroughFailures() throws Exception {
        HostHeartbeat heartbeat = heartbeat(Duration.ofMillis(50), "http://127.0.0.1:1");
        heartbeat.start();
        try {
            assertNotNull(api.next(5));
            api.answer(500);
            api.drain();
            assertNotNull(api.next(5));
            assertNotNull(api.next(5)); // still beating after a failure
            api.answer(204);
            api.drain();
            assertNotNull(api.next(5));
        } finally {
            heartbeat.stop();
        }
        api.drain();
        assertNull(api.next(1), "no beat after stop");
        assertEquals(1, events().stream().filter("event=heartbeat_failed"::equals).count());
    }

    @Test
    void nothingIsSentUntilTheUrlIsKnown() throws Exception {
        HostHeartbeat heartbeat = heartbeat(Duration.ofSeconds(30), null);
        heartbeat.start();
        try {
            assertNull(api.next(1));
            heartbeat.advertise("http://127.0.0.1:4242");
            assertEquals("http://127.0.0.1:4242", api.next(5).heartbeat().url());
        } finally {
            heartbeat.stop();
        }
    }
}
