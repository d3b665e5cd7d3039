package org.dmascope.model.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The machine an NCCL topology XML describes, written back as the {@code lspci -vvnn} listing that
 * machine would show: NCCL's XML holds every GPU, NIC and switch by bus id, nested as in sysfs but two
 * levels at a time (it skips the switch's downstream ports), and each {@code <cpu>} is a NUMA node. The
 * missing pieces are filled in the one way that fits: a host bridge per CPU on the bus below its
 * lowest device, a root port above each device NCCL hangs off the CPU, and below each switch its
 * internal bus (its own bus + 1) with one downstream port per device NCCL nests in it. Nested switch
 * ports take the switch's IDs. Fails when the bus numbers leave no room for that.
 *
 * <p>For tests only (trusted XML, parsed with the JDK's DOM): it gives a machine that corresponds to the
 * XML, so what dmascope derives can be checked against NCCL's own path types; {@code edit} changes the
 * XML first, to make one that does not.
 */
public final class NcclMachine {
    /** IDs for RCCL's models, which give no vendor or device: AMD's of the time, and a ConnectX-6. */
    private static final String AMD_BRIDGE = "1022:1483";
    private static final String AMD_GPU = "1002:738c";
    private static final String MELLANOX_NIC = "15b3:101b";
    private final LspciListing listing = new LspciListing();
    private final String rootPortIds;
    private final String hostBridgeIds;

    private NcclMachine(String rootPortIds, String hostBridgeIds) {
        this.rootPortIds = rootPortIds;
        this.hostBridgeIds = hostBridgeIds;
    }

    /** The listing of the machine {@code xml} describes, after {@code edit} changed the document. */
    public static String lspci(String xml, String hostBridgeIds, String rootPortIds, Consumer<Document> edit) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            edit.accept(d);
            NcclMachine m = new NcclMachine(rootPortIds, hostBridgeIds);
            for (Element cpu : children(d.getDocumentElement(), "cpu")) m.cpu(cpu);
            return m.listing.text();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String lspci(String xml, String hostBridgeIds, String rootPortIds) {
        return lspci(xml, hostBridgeIds, rootPortIds, d -> {
        });
    }

    /** The {@code <pci>} element with that bus id. */
    public static Element pci(Document d, String busId) {
        var all = d.getElementsByTagName("pci");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("busid").equalsIgnoreCase(busId)) return e;
        }
        throw new IllegalArgumentException("no <pci busid=\"" + busId + "\">");
    }

    private void cpu(Element cpu) {
        int numa = Integer.parseInt(cpu.getAttribute("numaid"));
        List<Element> top = children(cpu, "pci");
        int root = top.stream().mapToInt(NcclMachine::bus).min().orElseThrow() - 1;
        String domain = domain(top.get(0));
        listing.hostBridge(String.format("%s:%02x:00.0", domain, root), hostBridgeIds, numa);
        for (int i = 0; i < top.size(); i++) {
            Element p = top.get(i);
            checkFree(root, p);
            listing.rootPort(String.format("%s:%02x:%02x.0", domain, root, i + 1), rootPortIds, bus(p), last(p),
                    numa);
            device(p, numa);
        }
    }

    /** A device NCCL lists and, for a switch, its internal bus with a downstream port per nested device. */
    private void device(Element p, int numa) {
        String address = p.getAttribute("busid").toLowerCase(Locale.ROOT);
        String cls = p.getAttribute("class");
        String ids = ids(p, "vendor", "device", cls.startsWith("0x0604") ? AMD_BRIDGE : cls.startsWith("0x02")
                ? MELLANOX_NIC : AMD_GPU);
        String sub = p.hasAttribute("subsystem_vendor") ? ids(p, "subsystem_vendor", "subsystem_device", null) : null;
        List<Element> below = children(p, "pci");
        if (cls.startsWith("0x0604")) {
            int internal = bus(p) + 1;
            listing.upstreamPort(address, ids, sub, internal, Math.max(internal, last(p)), numa);
            for (int i = 0; i < below.size(); i++) {
                Element c = below.get(i);
                checkFree(internal, c);
                listing.downstreamPort(String.format("%s:%02x:%02x.0", domain(p), internal, i), ids, sub, bus(c),
                        last(c), numa);
                device(c, numa);
            }
            return;
        }
        String name = cls.startsWith("0x02") ? "Ethernet controller" : cls.startsWith("0x0302") ? "3D controller"
                : "Display controller";
        listing.endpoint(address, cls.substring(2, 6), name, ids, sub, numa);
    }

    private static void checkFree(int bus, Element child) {
        if (bus(child) <= bus) {
            throw new IllegalStateException("no room for a bus between " + Integer.toHexString(bus) + " and "
                    + child.getAttribute("busid"));
        }
    }

    private static String ids(Element p, String vendor, String device, String absent) {
        if (!p.hasAttribute(vendor) || !p.hasAttribute(device)) return absent;
        return p.getAttribute(vendor).substring(2) + ":" + p.getAttribute(device).substring(2);
    }

    private static String domain(Element p) {
        return p.getAttribute("busid").substring(0, 4);
    }

    private static int bus(Element p) {
        return Integer.parseInt(p.getAttribute("busid").substring(5, 7), 16);
    }

    /** The highest bus in the subtree: the subordinate bus of the bridge above. */
    private static int last(Element p) {
        int max = bus(p);
        for (Element c : children(p, "pci")) max = Math.max(max, last(c));
        return max;
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) out.add(c);
        }
        return out;
    }
}
