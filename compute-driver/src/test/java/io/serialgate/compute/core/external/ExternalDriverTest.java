package io.serialgate.compute.core.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.serialgate.common.contract.ComputeInstance;
import io.serialgate.common.contract.SerialConsoleEndpoint;
import io.serialgate.common.error.ConflictException;
import io.serialgate.common.error.InvalidInputException;
import io.serialgate.common.error.NotFoundException;
import io.serialgate.common.error.NotImplementedException;
import io.serialgate.compute.core.InstanceSpec;
import io.serialgate.compute.core.ServerAction;
import io.serialgate.compute.core.fake.FakeSerialPorts;
import io.serialgate.compute.core.fake.SerialConsoleClient;
import io.serialgate.compute.db.TestJdbi;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The external driver on a real PostgreSQL, its consoles real TCP endpoints. */
class ExternalDriverTest {

    private static Jdbi jdbi;
    private final ExternalDriver driver = new ExternalDriver(jdbi, "bare-metal-1", 4);

    @BeforeAll
    static void database() {
        jdbi = TestJdbi.freshMigrated();
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }

    private static InstanceSpec spec(String uuid, String endpoints) {
        return new InstanceSpec(uuid, "rack1-node7", 1,
                endpoints == null ? Map.of() : Map.of(ExternalEndpoint.PROPERTY, endpoints));
    }

    @Test
    void registeredEndpointsAreTheConsoles() throws Exception {
        try (FakeSerialPorts ser2net = FakeSerialPorts.start()) {
            int port = ser2net.open(InetAddress.getLoopbackAddress(), 0, "rack1-node7", 0);
            String id = uuid();
            ComputeInstance server = driver.spawn(spec(id, "127.0.0.1:" + port + ", [fd00::5]:7001"));
            assertEquals(new ComputeInstance(id, "rack1-node7", "bare-metal-1", "external", 2, "running"), server);
            assertEquals(server, driver.show(id));
            assertTrue(driver.list().contains(server));
            assertEquals(new SerialConsoleEndpoint(id, 1, "fd00::5", 7001), driver.serialConsole(id, 1));

            SerialConsoleEndpoint console = driver.serialConsole(id, 0);
            try (SerialConsoleClient client = new SerialConsoleClient(console.host(), console.port())) {
                client.readUntil("login-free:~# ");
                client.type("echo ok\r");
                assertTrue(client.readUntil("login-free:~# ").contains("\r\nok\r\n"));
            }
            assertThrows(NotFoundException.class, () -> driver.serialConsole(id, 2));
            assertThrows(NotImplementedException.class, () -> driver.consoleLog(id, 0, 10));
            assertThrows(ConflictException.class, () -> driver.spawn(spec(id, "127.0.0.1:1")));

            driver.destroy(id);
            assertThrows(NotFoundException.class, () -> driver.show(id));
            assertThrows(NotFoundException.class, () -> driver.serialConsole(id, 0));
        }
    }

    @Test
    void powerActionsAreNotImplementedButUnknownServersAreNotFound() {
        String id = uuid();
        driver.spawn(spec(id, "ts1.example:3001"));
        NotImplementedException e = assertThrows(NotImplementedException.class,
                () -> driver.act(id, ServerAction.REBOOT));
        assertEquals("action_unsupported", e.reason());
        assertThrows(NotFoundException.class, () -> driver.act(uuid(), ServerAction.STOP));
        driver.destroy(id);
    }

    @Test
    void badEndpointListsNameTheProperty() {
        for (String bad : new String[] {null, "", "host", "host:0", "host:70000", ":22", "a b:22", "h:1,", "[::1]:x"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> driver.spawn(spec(uuid(), bad)),
                    String.valueOf(bad));
            assertTrue(e.getMessage().contains("serial_endpoints"), e.getMessage());
        }
        InvalidInputException tooMany = assertThrows(InvalidInputException.class,
                () -> driver.spawn(spec(uuid(), "h:1,h:2,h:3,h:4,h:5")));
        assertTrue(tooMany.getMessage().contains("at most 4"), tooMany.getMessage());
    }

    @Test
    void parsesHostsAndBracketedIpv6() {
        assertEquals(List.of(new ExternalEndpoint("ts1.example", 3001), new ExternalEndpoint("::1", 22)),
                ExternalEndpoint.parseList("ts1.example:3001,[::1]:22"));
    }
}
