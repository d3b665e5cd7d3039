package org.dmascope.model.io.hwloc;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.dmascope.model.io.merge.FactKey;
import org.dmascope.model.io.merge.FunctionFacts;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.SourceRef;

/**
 * Reads hwloc topology XML (format versions 2.0 and 3.0, as {@code lstopo --of xml} writes them):
 * host bridges ({@code Bridge} with {@code bridge_type="0-1"}) with their bus ranges, PCI-to-PCI
 * bridges with secondary and subordinate buses, PCI devices with IDs, class and names, NUMA nodes with
 * their CPUs and package, each device's NUMA locality, and the architecture and CPU of the machine.
 *
 * <p>hwloc reports a link only as bandwidth in GB/s ({@code pci_link_speed}), which cannot be split
 * back into speed and width (8 GT/s x8 and 16 GT/s x4 give the same number); it is kept only to check
 * an lspci link status against it.
 */
public final class HwlocXmlReader {
    private static final Pattern BUSID = Pattern.compile(
            "^([0-9a-fA-F]{4,8}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])$");
    private static final Pattern BRIDGE_PCI = Pattern.compile(
            "^([0-9a-fA-F]{4,8}):\\[([0-9a-fA-F]{2})-([0-9a-fA-F]{2})]$");
    private static final Pattern PCI_TYPE = Pattern.compile(
            "^([0-9a-fA-F]{4}) \\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})] \\[([0-9a-fA-F]{4}):([0-9a-fA-F]{4})] "
                    + "([0-9a-fA-F]{2})(?: ([0-9a-fA-F]{2}))?");

    private final SourceText text;
    private final Findings findings;
    private final MachineFacts machine = new MachineFacts();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private boolean cpuSeen;

    /** One open {@code <object>} and what its children told about it. */
    private static final class Frame {
        final String type;
        final Map<String, String> attributes;
        final int line;
        final Map<String, String> info = new HashMap<>();

        Frame(String type, Map<String, String> attributes, int line) {
            this.type = type;
            this.attributes = attributes;
            this.line = line;
        }
    }

    private HwlocXmlReader(SourceText text, Findings findings) {
        this.text = text;
        this.findings = findings;
    }

    public static MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        HwlocXmlReader r = new HwlocXmlReader(text, findings);
        r.run(checkpoint);
        return r.machine;
    }

    private void run(Checkpoint checkpoint) {
        Optional<String> accepted = SafeXml.accepted(text, findings);
        if (accepted.isEmpty()) return;
        String xml = accepted.get();
        XMLStreamReader x = null;
        try {
            x = SafeXml.factory().createXMLStreamReader(new StringReader(xml));
            boolean root = true;
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    int line = x.getLocation().getLineNumber();
                    if ((line & 63) == 0) checkpoint.reached(line, text.lineCount());
                    String name = x.getLocalName();
                    if (root) {
                        root = false;
                        if (!name.equals("topology")) {
                            findings.error(text.name(), line, "this XML is not an hwloc topology (its root element is <"
                                    + name + ">, not <topology>)");
                            return;
                        }
                    } else if (name.equals("object")) {
                        stack.push(new Frame(attribute(x, "type"), attributes(x), line));
                    } else if (name.equals("info")) {
                        String key = x.getAttributeValue(null, "name");
                        String value = x.getAttributeValue(null, "value");
                        if (key == null || value == null) continue;
                        if (!stack.isEmpty()) {
                            stack.peek().info.putIfAbsent(key, value);
                        } else if (key.equals("Architecture")) {
                            // hwloc 3 writes machine-wide infos at the end, directly under <topology>.
                            machine.architecture(architecture(value), new SourceRef(text.name(), line), findings);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("object")
                        && !stack.isEmpty()) {
                    close(stack.pop());
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
            findings.error(text.name(), line, "the XML is not well-formed: " + SafeXml.reason(e));
        } finally {
            if (x != null) {
                try {
                    x.close();
                } catch (XMLStreamException ignored) {
                    // nothing was opened that needs closing
                }
            }
        }
    }

    private static String attribute(XMLStreamReader x, String name) {
        String v = x.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    private static Map<String, String> attributes(XMLStreamReader x) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < x.getAttributeCount(); i++) m.put(x.getAttributeLocalName(i), x.getAttributeValue(i));
        return m;
    }

    /** Objects are handled when they close, after their {@code <info>} children were seen. */
    private void close(Frame f) {
        SourceRef at = new SourceRef(text.name(), f.line);
        switch (f.type) {
            case "Machine", "System" -> machineInfo(f, at);
            case "Package", "Socket" -> packageInfo(f, at);
            case "NUMANode" -> numaNode(f, at);
            case "Bridge" -> bridge(f, at);
            case "PCIDev" -> pciDevice(f, at);
            default -> {
            }
        }
    }

    private void machineInfo(Frame f, SourceRef at) {
        String arch = f.info.get("Architecture");
        if (arch != null) machine.architecture(architecture(arch), at, findings);
    }

    /** The architecture {@code uname -m} names (hwloc's {@code Architecture}, NCCL's {@code arch}). */
    public static Platform.Architecture architecture(String uname) {
        String a = uname.toLowerCase(Locale.ROOT);
        if (a.equals("x86_64") || a.equals("amd64")) return Platform.Architecture.X86_64;
        if (a.equals("aarch64") || a.equals("arm64")) return Platform.Architecture.ARM64;
        if (a.startsWith("ppc64")) return Platform.Architecture.PPC64;
        if (a.equals("riscv64")) return Platform.Architecture.RISCV64;
        if (a.startsWith("mips")) return Platform.Architecture.MIPS;
        if (a.equals("loongarch64")) return Platform.Architecture.LOONGARCH64;
        if (a.startsWith("arm")) return Platform.Architecture.ARM;
        return Platform.Architecture.OTHER;
    }

    /** The first package's CPU stands for the machine, as CPU 0 does for {@code cpu_supports_p2pdma()}. */
    private void packageInfo(Frame f, SourceRef at) {
        if (cpuSeen) return;
        String vendor = f.info.get("CPUVendor");
        String family = f.info.get("CPUFamilyNumber");
        String model = f.info.get("CPUModel");
        if (vendor == null && family == null && model == null) return;
        cpuSeen = true;
        if (vendor != null) machine.cpuVendor(cpuVendor(vendor), at, findings);
        if (family != null && family.trim().matches("\\d{1,6}")) machine.cpuFamily(Integer.parseInt(family.trim()), at,
                findings);
        if (model != null && !model.isBlank()) machine.cpuModel(model.trim(), at, findings);
    }

    /** The vendor a CPUID vendor string names (hwloc's {@code CPUVendor}, NCCL's {@code vendor}). */
    public static Platform.CpuVendor cpuVendor(String id) {
        return switch (id.trim()) {
            case "GenuineIntel" -> Platform.CpuVendor.INTEL;
            case "AuthenticAMD" -> Platform.CpuVendor.AMD;
            case "HygonGenuine" -> Platform.CpuVendor.HYGON;
            case "CentaurHauls", "Shanghai" -> Platform.CpuVendor.ZHAOXIN;
            default -> Platform.CpuVendor.OTHER;
        };
    }

    private void numaNode(Frame f, SourceRef at) {
        OptionalInt id = integer(f.attributes.get("os_index"));
        if (id.isEmpty()) return;
        var n = machine.numaNode(id.getAsInt(), at);
        String cpuset = f.attributes.get("cpuset");
        if (cpuset != null) Bitmaps.cpuList(cpuset).ifPresent(c -> n.cpus(c, at, findings));
        for (Frame up : stack) {
            if (up.type.equals("Package") || up.type.equals("Socket")) {
                integer(up.attributes.get("os_index")).ifPresent(p -> n.socket(p, at, findings));
                break;
            }
        }
    }

    private void bridge(Frame f, SourceRef at) {
        String busid = f.attributes.get("pci_busid");
        Optional<int[]> range = busRange(f.attributes.get("bridge_pci"));
        if (busid == null) {
            if (!"0-1".equals(f.attributes.get("bridge_type")) || range.isEmpty()) return;
            int[] r = range.get();
            if (r[1] > r[2]) {
                findings.warning(text.name(), f.line, "this host bridge's bus range is backwards; it was ignored");
                return;
            }
            var hb = machine.hostBridge(r[0], r[1], at);
            hb.busRange(new HostBridge.BusRange(r[1], r[2]), at, findings);
            locality().ifPresent(node -> hb.numaNode(node, at, findings));
            return;
        }
        Optional<FunctionFacts> fn = function(f, at);
        if (fn.isEmpty()) return;
        fn.get().put(FactKey.HEADER_TYPE, 1, at, findings);
        range.ifPresent(r -> fn.get().put(FactKey.BRIDGE, Bridge.ofBuses(r[1], r[2]), at, findings));
    }

    private void pciDevice(Frame f, SourceRef at) {
        function(f, at);
    }

    private Optional<FunctionFacts> function(Frame f, SourceRef at) {
        Matcher m = BUSID.matcher(f.attributes.getOrDefault("pci_busid", ""));
        if (!m.matches() || Integer.parseInt(m.group(3), 16) > 0x1F) {
            findings.warning(text.name(), f.line, "this PCI object has no valid pci_busid; it was ignored");
            return Optional.empty();
        }
        Bdf address = Bdf.of((int) Long.parseLong(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3), 16), m.group(4).charAt(0) - '0');
        checkUnderParent(f, address);
        FunctionFacts fn = machine.function(address, at);
        PciIdentity id = identity(f);
        if (!id.equals(PciIdentity.UNKNOWN)) fn.put(FactKey.IDENTITY, id, at, findings);
        locality().ifPresent(node -> fn.put(FactKey.NUMA_NODE, node, at, findings));
        String speed = f.attributes.get("pci_link_speed");
        if (speed != null && speed.trim().matches("\\d{1,4}(\\.\\d{1,9})?")) {
            double gbps = Double.parseDouble(speed.trim());
            if (gbps > 0) fn.put(FactKey.LINK_BANDWIDTH, gbps, at, findings);
        }
        return Optional.of(fn);
    }

    /**
     * {@code pci_type="0604 [8086:3408] [0000:0000] 13"} (class, IDs, subsystem IDs, revision; v3 adds
     * the prog-if). A subsystem of 0000:0000 means none.
     */
    private PciIdentity identity(Frame f) {
        Matcher m = PCI_TYPE.matcher(f.attributes.getOrDefault("pci_type", ""));
        Optional<String> vendorName = Optional.ofNullable(f.info.get("PCIVendor")).filter(s -> !s.isBlank());
        Optional<String> deviceName = Optional.ofNullable(f.info.get("PCIDevice")).filter(s -> !s.isBlank());
        if (!m.find()) {
            return new PciIdentity(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                    OptionalInt.empty(), OptionalInt.empty(), vendorName, deviceName, Optional.empty(),
                            Optional.empty());
        }
        int sv = Integer.parseInt(m.group(4), 16);
        int sd = Integer.parseInt(m.group(5), 16);
        boolean noSubsystem = sv == 0 && sd == 0;
        int progIf = m.group(7) == null ? 0 : Integer.parseInt(m.group(7), 16);
        return new PciIdentity(OptionalInt.of(Integer.parseInt(m.group(2), 16)),
                OptionalInt.of(Integer.parseInt(m.group(3), 16)),
                noSubsystem ? OptionalInt.empty() : OptionalInt.of(sv), noSubsystem ? OptionalInt.empty()
                        : OptionalInt.of(sd),
                OptionalInt.of(Integer.parseInt(m.group(1), 16) << 8 | progIf),
                        OptionalInt.of(Integer.parseInt(m.group(6), 16)),
                vendorName, deviceName, Optional.empty(), Optional.empty());
    }

    /** A PCI object must sit on a bus its parent bridge forwards; hwloc files edited by hand sometimes do not. */
    private void checkUnderParent(Frame f, Bdf address) {
        for (Frame up : stack) {
            if (!up.type.equals("Bridge")) continue;
            Optional<int[]> r = busRange(up.attributes.get("bridge_pci"));
            if (r.isPresent() && (r.get()[0] != address.domain() || address.bus() < r.get()[1]
                    || address.bus() > r.get()[2])) {
                findings.warning(text.name(), f.line,
                        String.format("%s is listed below a bridge that forwards buses %04x:%02x-%02x"
                        + " (line %d); the file contradicts itself", address, r.get()[0], r.get()[1], r.get()[2],
                                up.line));
            }
            return;
        }
    }

    /** {@code 0000:[01-05]} → domain, first bus, last bus. */
    private static Optional<int[]> busRange(String v) {
        if (v == null) return Optional.empty();
        Matcher m = BRIDGE_PCI.matcher(v.trim());
        if (!m.matches()) return Optional.empty();
        return Optional.of(new int[]{(int) Long.parseLong(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3), 16)});
    }

    /**
     * The NUMA node of an I/O object: the nodeset of the nearest enclosing non-I/O object, when it
     * names exactly one node (hwloc attaches I/O objects to the object that holds their locality).
     */
    private Optional<Integer> locality() {
        for (Frame up : stack) {
            String nodeset = up.attributes.get("nodeset");
            if (nodeset != null) return Bitmaps.single(nodeset);
        }
        return Optional.empty();
    }

    private static OptionalInt integer(String v) {
        if (v == null || !v.trim().matches("\\d{1,9}")) return OptionalInt.empty();
        return OptionalInt.of(Integer.parseInt(v.trim()));
    }
}
