package io.serialgate.compute.core.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fake serial ports over real loopback sockets. */
class FakeSerialPortsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String HOST = LOOPBACK.getHostAddress();
    private static final String PROMPT = "vm1 login-free:~# ";
    private final FakeSerialPorts ports = FakeSerialPorts.start();

    @AfterEach
    void stop() {
        ports.close();
    }

    @Test
    void aClientGetsBannerPromptAndAnswers() throws Exception {
        int port = ports.open(LOOPBACK, 0, "vm1", 0);
        try (SerialConsoleClient console = new SerialConsoleClient(HOST, port)) {
            assertEquals("serialgate fake guest vm1 ttyS0\r\n" + PROMPT, console.readUntil(PROMPT));
            console.type("echo ok\r");
            assertEquals("echo ok\r\nok\r\n" + PROMPT, console.readUntil(PROMPT));
            console.type("uname -a\r\n");
            assertTrue(console.readUntil(PROMPT).contains("Linux vm1"));
        }
    }

    @Test
    void oneClientAtATimeTheNextWaitsForTheFirstToLeave() throws Exception {
        int port = ports.open(LOOPBACK, 0, "vm1", 1);
        SerialConsoleClient first = new SerialConsoleClient(HOST, port);
        first.readUntil(PROMPT);
        try (SerialConsoleClient second = new SerialConsoleClient(HOST, port)) {
            assertTrue(second.silentFor(300), "the second client must wait while the first is connected");
            first.type("echo still mine\r");
            assertTrue(first.readUntil(PROMPT).contains("still mine"));
            first.close();
            assertTrue(second.readUntil(PROMPT).contains("ttyS1"));
            second.type("echo now mine\r");
            assertTrue(second.readUntil(PROMPT).contains("now mine"));
        }
    }

    @Test
    void aNewClientGetsAFreshLine() throws Exception {
        int port = ports.open(LOOPBACK, 0, "vm1", 0);
        try (SerialConsoleClient first = new SerialConsoleClient(HOST, port)) {
            first.readUntil(PROMPT);
            first.type("echo half");
        }
        try (SerialConsoleClient second = new SerialConsoleClient(HOST, port)) {
            second.readUntil(PROMPT);
            second.type("echo whole\r");
            assertEquals("echo whole\r\nwhole\r\n" + PROMPT, second.readUntil(PROMPT));
        }
    }

    @Test
    void closeDisconnectsTheClientAndFreesThePort() throws Exception {
        int port = ports.open(LOOPBACK, 0, "vm1", 0);
        SerialConsoleClient console = new SerialConsoleClient(HOST, port);
        console.readUntil(PROMPT);
        ports.close(port);
        assertFalse(ports.isOpen(port));
        assertThrows(IOException.class, () -> console.readUntil("never"));
        console.close();
        assertThrows(ConnectException.class, () -> new SerialConsoleClient(HOST, port));
        // The same port can be listened on again at once (a restart, or the next server).
        assertEquals(port, ports.open(LOOPBACK, port, "vm2", 0));
    }

    @Test
    void aBusyPortFailsToOpen() {
        int port = ports.open(LOOPBACK, 0, "vm1", 0);
        assertThrows(UncheckedIOException.class, () -> ports.open(LOOPBACK, port, "vm2", 0));
    }

    @Test
    void manyPortsAtOnce() throws Exception {
        int[] open = new int[20];
        for (int i = 0; i < open.length; i++) {
            open[i] = ports.open(LOOPBACK, 0, "vm" + i, 0);
        }
        for (int i = 0; i < open.length; i++) {
            try (SerialConsoleClient console = new SerialConsoleClient(HOST, open[i])) {
                String prompt = "vm" + i + " login-free:~# ";
                console.readUntil(prompt);
                console.type("echo " + i + "\r");
                assertTrue(console.readUntil(prompt).contains("\r\n" + i + "\r\n"));
            }
        }
    }
}
