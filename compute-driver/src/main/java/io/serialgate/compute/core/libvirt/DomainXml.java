package io.serialgate.compute.core.libvirt;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Writes the libvirt domain XML of a serialgate guest and reads serial ports back out of a live
 * domain's XML. Built with DOM so names and paths are escaped, never spliced into a string.
 *
 * <p>Each serial port is a TCP server socket QEMU binds on the compute host
 * ({@code <source mode='bind'>}), raw bytes (telnet would send negotiation first), with a
 * {@code <log append='on'>} so guest output written while nobody is attached is kept.
 */
public final class DomainXml {

    /** Namespace of serialgate's {@code <metadata>} element, marking the domains it owns. */
    public static final String METADATA_NS = "https://serialgate.io/xmlns/compute/1";
    private static final String METADATA_PREFIX = "serialgate";
    /**
     * Attribute of the metadata element saying the domain's life is recorded in
     * {@code compute.servers}: such a domain without a row is the leftover of an interrupted
     * spawn. Domains defined before serialgate kept rows for libvirt lack it.
     */
    static final String TRACKED_ATTRIBUTE = "tracked";
    static final String TRACKED_IN = "compute.servers";

    private DomainXml() {}

    public static String render(DomainSpec spec) {
        Document doc = newBuilder().newDocument();
        Element domain = doc.createElement("domain");
        domain.setAttribute("type", spec.domainType());
        doc.appendChild(domain);
        text(domain, "name", spec.domainName());
        text(domain, "uuid", spec.instanceUuid());
        text(domain, "title", spec.serverName());

        Element metadata = child(domain, "metadata");
        Element instance = doc.createElementNS(METADATA_NS, METADATA_PREFIX + ":instance");
        instance.setAttribute("host", spec.computeHost());
        instance.setAttribute("name", spec.serverName());
        instance.setAttribute(TRACKED_ATTRIBUTE, TRACKED_IN);
        metadata.appendChild(instance);

        text(domain, "memory", Integer.toString(spec.memoryMib())).setAttribute("unit", "MiB");
        text(domain, "vcpu", "1");
        Element os = child(domain, "os");
        Element type = text(os, "type", "hvm");
        type.setAttribute("arch", "x86_64");
        if (spec.kernel() != null) {
            text(os, "kernel", spec.kernel());
        }
        if (spec.initrd() != null) {
            text(os, "initrd", spec.initrd());
        }
        if (spec.cmdline() != null) {
            text(os, "cmdline", spec.cmdline());
        }
        text(domain, "on_poweroff", "destroy");
        text(domain, "on_reboot", "restart");
        text(domain, "on_crash", "destroy");

        Element devices = child(domain, "devices");
        for (SerialPortSource port : spec.serialPorts()) {
            Element serial = child(devices, "serial");
            serial.setAttribute("type", "tcp");
            Element source = child(serial, "source");
            source.setAttribute("mode", "bind");
            source.setAttribute("host", port.host());
            source.setAttribute("service", Integer.toString(port.port()));
            child(serial, "protocol").setAttribute("type", "raw");
            if (port.logFile() != null) {
                Element log = child(serial, "log");
                log.setAttribute("file", port.logFile());
                log.setAttribute("append", "on");
            }
            child(serial, "target").setAttribute("port", Integer.toString(port.portIndex()));
        }
        // A headless guest: no USB, no display, no balloon; the serial ports are its only console.
        Element usb = child(devices, "controller");
        usb.setAttribute("type", "usb");
        usb.setAttribute("model", "none");
        child(child(devices, "video"), "model").setAttribute("type", "none");
        child(devices, "memballoon").setAttribute("model", "none");
        return serialize(doc);
    }

    /**
     * Everything serialgate reads from a domain's XML, from one parse: a console connect's
     * endpoint re-check needs the owner and the serial ports, and parsing the XML once per fact
     * cost more than the rest of the check.
     *
     * @param ownerHost the compute host in serialgate's metadata; empty when serialgate did not make the domain
     * @param serverName the server name serialgate recorded (the domain title may be edited by hand)
     * @param trackedInServersTable whether serialgate recorded the domain in {@code compute.servers}
     *        when it defined it (false for domains defined before it did, which reconcile adopts)
     * @param serialPorts the TCP serial ports, by port index
     * @param running whether the domain runs: libvirt gives a running domain's live XML an {@code id}
     *        attribute and a shut-off one none, so this costs no second call to libvirt
     */
    public record Facts(Optional<String> ownerHost, Optional<String> serverName, boolean trackedInServersTable,
                        List<SerialPortSource> serialPorts, boolean running) {}

    /** Reads a domain's (live) XML once. */
    public static Facts read(String xml) {
        Element domain = parse(xml).getDocumentElement();
        Optional<Element> metadata = serialgateMetadata(domain);
        return new Facts(metadata.map(e -> e.getAttribute("host")), metadata.map(e -> e.getAttribute("name")),
                metadata.map(e -> TRACKED_IN.equals(e.getAttribute(TRACKED_ATTRIBUTE))).orElse(false),
                serialPorts(domain), isRunning(domain));
    }

    /** libvirt writes {@code id='N'} on a running domain only (a shut-off one has id -1, not written). */
    private static boolean isRunning(Element domain) {
        String id = domain.getAttribute("id");
        return !id.isEmpty() && !"-1".equals(id);
    }

    /** The TCP serial ports of a domain, by port index. */
    private static List<SerialPortSource> serialPorts(Element domain) {
        List<SerialPortSource> ports = new ArrayList<>();
        Element devices = first(domain, "devices").orElse(null);
        if (devices == null) {
            return ports;
        }
        for (Element serial : children(devices, "serial")) {
            if (!"tcp".equals(serial.getAttribute("type"))) {
                continue;
            }
            Optional<Element> source = first(serial, "source");
            Optional<Element> target = first(serial, "target");
            if (source.isEmpty() || target.isEmpty()) {
                continue;
            }
            String service = source.get().getAttribute("service");
            String index = target.get().getAttribute("port");
            if (service.isEmpty() || index.isEmpty()) {
                continue;
            }
            String logFile = first(serial, "log").map(l -> l.getAttribute("file")).filter(f -> !f.isEmpty()).orElse(null);
            ports.add(new SerialPortSource(Integer.parseInt(index), source.get().getAttribute("host"),
                    Integer.parseInt(service), logFile));
        }
        ports.sort(Comparator.comparingInt(SerialPortSource::portIndex));
        return ports;
    }

    private static Optional<Element> serialgateMetadata(Element domain) {
        return first(domain, "metadata").flatMap(metadata -> {
            NodeList nodes = metadata.getElementsByTagNameNS(METADATA_NS, "instance");
            return nodes.getLength() == 0 ? Optional.empty() : Optional.of((Element) nodes.item(0));
        });
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElement(name);
        parent.appendChild(element);
        return element;
    }

    private static Element text(Element parent, String name, String value) {
        Element element = child(parent, name);
        element.setTextContent(value);
        return element;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && name.equals(e.getTagName())) {
                result.add(e);
            }
        }
        return result;
    }

    private static Optional<Element> first(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // The XML comes from libvirt, but a parser that fetches DTDs or entities is never needed here.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no usable XML parser", e);
        }
    }

    /**
     * One parser per thread, reset before each use: making one (a factory lookup and its
     * configuration) cost more than parsing a domain, and a DocumentBuilder is not thread-safe.
     */
    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(DomainXml::newBuilder);

    private static Document parse(String xml) {
        try {
            DocumentBuilder parser = PARSER.get();
            parser.reset();
            return parser.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a libvirt domain XML: " + e.getMessage(), e);
        }
    }

    private static String serialize(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write domain XML", e);
        }
    }
}
