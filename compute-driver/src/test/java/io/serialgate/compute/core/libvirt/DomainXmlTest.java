package io.serialgate.compute.core.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The domain XML, checked by parsing it back (XPath), never by comparing strings. */
class DomainXmlTest {

    private static final String UUID = "0b3c3f2e-8f55-4a0e-9a43-1f2b6c3d4e5f";

    static DomainSpec spec(List<SerialPortSource> ports) {
        return new DomainSpec("serialgate-" + UUID, UUID, "web <1> & co", "compute-1", "qemu", 128,
                "/var/lib/serialgate/vmlinuz", "/var/lib/serialgate/initramfs.gz", "console=ttyS0 panic=-1 quiet",
                ports);
    }

    private static final List<SerialPortSource> TWO_PORTS = List.of(
            new SerialPortSource(0, "127.0.0.1", 10001, "/var/log/serialgate/consoles/" + UUID + "-ttyS0.log"),
            new SerialPortSource(1, "127.0.0.1", 10002, "/var/log/serialgate/consoles/" + UUID + "-ttyS1.log"));

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String eval(Document doc, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, doc);
    }

    @Test
    void domainIsASmallHeadlessQemuGuest() throws Exception {
        Document doc = parse(DomainXml.render(spec(TWO_PORTS)));
        assertEquals("qemu", eval(doc, "/domain/@type"));
        assertEquals("serialgate-" + UUID, eval(doc, "/domain/name"));
        assertEquals(UUID, eval(doc, "/domain/uuid"));
        assertEquals("web <1> & co", eval(doc, "/domain/title"));
        assertEquals("128", eval(doc, "/domain/memory"));
        assertEquals("MiB", eval(doc, "/domain/memory/@unit"));
        assertEquals("/var/lib/serialgate/vmlinuz", eval(doc, "/domain/os/kernel"));
        assertEquals("/var/lib/serialgate/initramfs.gz", eval(doc, "/domain/os/initrd"));
        assertEquals("console=ttyS0 panic=-1 quiet", eval(doc, "/domain/os/cmdline"));
        assertEquals("none", eval(doc, "/domain/devices/controller[@type='usb']/@model"));
        assertEquals("0", eval(doc, "count(/domain/devices/graphics)"));
    }

    @Test
    void eachSerialPortIsABoundRawTcpSocketWithALog() throws Exception {
        Document doc = parse(DomainXml.render(spec(TWO_PORTS)));
        XPath xpath = XPathFactory.newInstance().newXPath();
        NodeList serials = (NodeList) xpath.evaluate("/domain/devices/serial", doc, XPathConstants.NODESET);
        assertEquals(2, serials.getLength());
        for (int i = 0; i < 2; i++) {
            String at = "/domain/devices/serial[target/@port='" + i + "']";
            assertEquals("tcp", eval(doc, at + "/@type"));
            assertEquals("bind", eval(doc, at + "/source/@mode"));
            assertEquals("127.0.0.1", eval(doc, at + "/source/@host"));
            assertEquals(Integer.toString(10001 + i), eval(doc, at + "/source/@service"));
            assertEquals("raw", eval(doc, at + "/protocol/@type"));
            assertEquals("on", eval(doc, at + "/log/@append"));
            assertTrue(eval(doc, at + "/log/@file").endsWith("-ttyS" + i + ".log"));
        }
    }

    @Test
    void serialPortsAndOwnerReadBack() {
        String xml = DomainXml.render(spec(TWO_PORTS));
        assertEquals(TWO_PORTS, DomainXml.read(xml).serialPorts());
        assertEquals(Optional.of("compute-1"), DomainXml.read(xml).ownerHost());
        assertEquals(Optional.of("web <1> & co"), DomainXml.read(xml).serverName());
    }

    @Test
    void foreignDomainsHaveNoOwnerAndPtySerialsAreIgnored() {
        String xml = """
                <domain type='qemu'><name>other</name><devices>
                  <serial type='pty'><target port='0'/></serial>
                  <serial type='tcp'><source mode='bind' host='0.0.0.0' service='4555'/><target port='1'/></serial>
                </devices></domain>""";
        assertEquals(Optional.empty(), DomainXml.read(xml).ownerHost());
        assertEquals(List.of(new SerialPortSource(1, "0.0.0.0", 4555, null)), DomainXml.read(xml).serialPorts());
    }

    @Test
    void aRunningDomainIsTheOneWithAnId() {
        String defined = DomainXml.render(spec(TWO_PORTS));
        assertFalse(DomainXml.read(defined).running());
        String live = defined.replaceFirst("<domain ", "<domain id='7' ");
        assertTrue(DomainXml.read(live).running());
        assertEquals(TWO_PORTS, DomainXml.read(live).serialPorts());
        assertFalse(DomainXml.read(defined.replaceFirst("<domain ", "<domain id='-1' ")).running());
    }

    @Test
    void oneReadGivesEveryFact() {
        DomainXml.Facts facts = DomainXml.read(DomainXml.render(spec(TWO_PORTS)));
        assertEquals(new DomainXml.Facts(Optional.of("compute-1"), Optional.of("web <1> & co"), true, TWO_PORTS, false), facts);
    }

    @Test
    void readsFromManyThreadsAtOnceStayCorrect() throws Exception {
        // The parser is reused per thread: concurrent reads (one per console connect) must not mix.
        String ours = DomainXml.render(spec(TWO_PORTS));
        String foreign = "<domain type='qemu'><name>other</name><devices/></domain>";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> checks = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean mine = i % 2 == 0;
                checks.add(pool.submit(() -> mine
                        ? DomainXml.read(ours).serialPorts().equals(TWO_PORTS)
                        : DomainXml.read(foreign).ownerHost().isEmpty() && DomainXml.read(foreign).serialPorts().isEmpty()));
            }
            for (java.util.concurrent.Future<Boolean> check : checks) {
                assertTrue(check.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedXmlIsRefusedAndTheThreadsParserStillWorks() {
        assertThrows(IllegalArgumentException.class, () -> DomainXml.read("<domain><devices>"));
        assertEquals(TWO_PORTS, DomainXml.read(DomainXml.render(spec(TWO_PORTS))).serialPorts());
    }
}
