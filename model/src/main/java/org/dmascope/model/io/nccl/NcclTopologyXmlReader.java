package org.dmascope.model.io.nccl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dmascope.model.io.hwloc.Bitmaps;
import org.dmascope.model.io.hwloc.HwlocXmlReader;
import org.dmascope.model.io.merge.FactKey;
import org.dmascope.model.io.merge.FunctionFacts;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.io.source.Checkpoint;
import org.dmascope.model.io.source.Findings;
import org.dmascope.model.io.source.SourceText;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.ToolReport;
import org.dmascope.model.topology.ToolReport.Device;
import org.dmascope.model.topology.ToolReport.Kind;
import org.dmascope.model.topology.ToolReport.Match;
import org.dmascope.model.topology.ToolReport.Pair;
import org.dmascope.model.topology.ToolReport.Tool;

/**
 * Reads the topology XML NCCL writes ({@code NCCL_TOPO_DUMP_FILE}; RCCL's models share the schema):
 * {@code <system>} holding a {@code <cpu numaid affinity arch vendor familyid modelid>} per NUMA node,
 * below it nested {@code <pci busid class vendor device subsystem_vendor subsystem_device link_speed
 * link_width>} (a nested {@code <pci>} is the device two sysfs levels further down: NCCL skips the
 * switch's downstream ports), {@code <gpu dev rank sm gdr>} with {@code <nvlink|xgmi target count tclass>}
 * and {@code <c2c>}, and {@code <nic>} with one {@code <net name dev speed port gdr>} per port.
 *
 * <p>What it states becomes facts: each PCI function at its bus id with its IDs and class (a bridge's
 * header type), its NUMA node (the CPU element it sits under, which NCCL takes from sysfs
 * {@code numa_node}), the NUMA nodes' CPUs, the architecture, the CPU vendor and family. The ports
 * between a switch and what hangs below it are not in the file, so the PCI tree stays incomplete until
 * an lspci export of the machine is imported with it. The path types NCCL computes from its own tree
 * ({@link NcclPaths}) for every pair of its GPUs and NICs become a {@link ToolReport}, tied to the
 * functions by bus id.
 *
 * <p>NCCL writes {@code link_speed}/{@code link_width} as the lesser of the device's and its port's
 * maximum, which is neither the device's link capability nor its status: it is kept in the report's
 * words only. Its {@code familyid} is CPUID's family plus the extended family shifted left by four
 * (NVIDIA/nccl src/graph/xml.cc, {@code ncclTopoGetXmlFromCpu}); the x86 family the kernel compares
 * ({@code boot_cpu_data.x86}) adds the extended family only when the family is 0xF, which is what is
 * stored (RCCL's familyid 143 is AMD family 0x17).
 */
public final class NcclTopologyXmlReader {
    private static final Pattern BUSID = Pattern.compile(
            "^([0-9a-fA-F]{4,8}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])$");
    private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]{1,6})");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,6}");
    private static final Set<String> ELEMENTS = Set.of("system", "cpu", "pci", "gpu", "nic", "net", "nvlink", "xgmi",
            "c2c", "pcilink");
    /** NCCL_TOPO_MAX_NODES: more GPUs and NICs than NCCL can hold is no NCCL file (and pairs would explode). */
    static final int MAX_DEVICES = 640;
    /** NCCL_TOPO_MAX_NODES for each of its GPU, NIC and PCI node kinds together. */
    static final int MAX_PCI = 3 * MAX_DEVICES;

    private final SourceText text;
    private final Findings findings;
    private final MachineFacts machine = new MachineFacts();
    /** The element each report device is named after: its {@code <pci>}, or a {@code <nic>} right below a CPU. */
    private final Map<XmlElement, Device> devices = new LinkedHashMap<>();
    private final Set<String> unknownSeen = new HashSet<>();
    private boolean cpuSeen;
    private boolean rccl;

    private NcclTopologyXmlReader(SourceText text, Findings findings) {
        this.text = text;
        this.findings = findings;
    }

    /** Reads the file; problems go to {@code findings} with their line. */
    public static MachineFacts read(SourceText text, Findings findings, Checkpoint checkpoint) {
        NcclTopologyXmlReader r = new NcclTopologyXmlReader(text, findings);
        XmlElement.parse(text, findings, checkpoint).ifPresent(r::system);
        return r.machine;
    }

    private SourceRef at(XmlElement e) {
        return new SourceRef(text.name(), e.line);
    }

    private void system(XmlElement system) {
        if (!system.name.equals("system")) {
            findings.error(text.name(), system.line, "this XML is not an NCCL topology (its root element is <"
                    + system.name + ">, not <system>)");
            return;
        }
        rccl = mentionsRccl(system);
        walk(system);
        for (XmlElement cpu : system.children("cpu")) cpu(cpu);
        for (XmlElement pci : system.children("pci")) pci(pci, OptionalInt.empty(), Optional.empty());
        if (devices.size() > MAX_DEVICES || machine.functions().size() > MAX_PCI) {
            findings.error(text.name(), system.line, "the file names " + devices.size() + " GPUs and NICs and "
                    + machine.functions().size() + " PCI devices, more than NCCL holds (" + MAX_DEVICES + " and "
                    + MAX_PCI + "); it is not read");
            return;
        }
        report(system);
    }

    /** RCCL's files carry AMD GPU attributes ({@code gcn}) or xGMI links. */
    private static boolean mentionsRccl(XmlElement e) {
        if (e.name.equals("xgmi") || e.name.equals("gpu") && e.attribute("gcn").isPresent()) return true;
        for (XmlElement c : e.children) if (mentionsRccl(c)) return true;
        return false;
    }

    /** Warns once per element name NCCL does not write. */
    private void walk(XmlElement e) {
        if (!ELEMENTS.contains(e.name) && unknownSeen.add(e.name)) {
            findings.warning(at(e), "<" + e.name + "> is not an element NCCL writes; it is ignored", null);
        }
        for (XmlElement c : e.children) walk(c);
    }

    private void cpu(XmlElement cpu) {
        SourceRef at = at(cpu);
        OptionalInt numa = integer(cpu, "numaid");
        Optional<String> cpus = cpu.attribute("affinity").flatMap(Bitmaps::cpuList);
        if (cpu.attribute("affinity").isPresent() && cpus.isEmpty()) {
            findings.warning(at, "the affinity \"" + cpu.attribute("affinity").get() + "\" is not a CPU mask; the "
                    + "node's CPUs are left unknown", null);
        }
        if (numa.isPresent() && numa.getAsInt() >= 0) {
            var node = machine.numaNode(numa.getAsInt(), at);
            cpus.ifPresent(c -> node.cpus(c, at, findings));
        }
        platform(cpu, at);
        OptionalInt node = numa.isPresent() && numa.getAsInt() >= 0 ? numa : OptionalInt.empty();
        for (XmlElement child : cpu.children) {
            if (child.name.equals("pci")) pci(child, node, cpus);
            if (child.name.equals("nic")) nicBelowCpu(child, node, cpus);
        }
    }

    /** The first CPU element names the machine's CPU, as CPU 0 does for the kernel. */
    private void platform(XmlElement cpu, SourceRef at) {
        if (cpuSeen) return;
        cpuSeen = true;
        Optional<String> arch = cpu.attribute("arch");
        arch.ifPresent(a -> machine.architecture(HwlocXmlReader.architecture(a), at, findings));
        Optional<String> vendor = cpu.attribute("vendor");
        vendor.ifPresent(v -> machine.cpuVendor(HwlocXmlReader.cpuVendor(v), at, findings));
        OptionalInt family = integer(cpu, "familyid");
        boolean x86 = arch.map(a -> HwlocXmlReader.architecture(a) == Platform.Architecture.X86_64).orElse(false);
        if (family.isPresent() && x86) {
            int f = family.getAsInt();
            if (f < 0 || f > 0xFFF) {
                findings.warning(at, "familyid " + f + " is not a CPUID family; the CPU family is left unknown", null);
            } else {
                machine.cpuFamily((f & 0xF) == 0xF ? 0xF + (f >> 4) : f & 0xF, at, findings);
            }
        }
    }

    private void pci(XmlElement pci, OptionalInt numa, Optional<String> cpus) {
        SourceRef at = at(pci);
        Optional<Bdf> address = pci.attribute("busid").flatMap(NcclTopologyXmlReader::busId);
        if (address.isEmpty()) {
            findings.warning(at, "this <pci> has no valid busid (" + pci.attribute("busid").orElse("none")
                    + "); it and what is below it are ignored", null);
            return;
        }
        FunctionFacts f = machine.function(address.get(), at);
        PciIdentity id = identity(pci, at);
        if (!id.equals(PciIdentity.UNKNOWN)) f.put(FactKey.IDENTITY, id, at, findings);
        boolean bridge = id.classAndSubclass().orElse(-1) == 0x0604;
        if (bridge) f.put(FactKey.HEADER_TYPE, 1, at, findings);
        numa.ifPresent(n -> f.put(FactKey.NUMA_NODE, n, at, findings));
        List<XmlElement> below = pci.children("pci");
        if (!below.isEmpty() && id.classCode().isPresent() && !bridge) {
            findings.warning(at, address.get() + " holds other PCI devices but its class is not a PCI bridge "
                    + "(0x0604); the file contradicts itself", address.get().toString());
        }
        for (XmlElement gpu : pci.children("gpu")) gpu(pci, gpu, address.get(), numa, cpus);
        for (XmlElement nic : pci.children("nic")) nic(pci, nic, Optional.of(address.get()), numa, cpus);
        for (XmlElement child : below) pci(child, numa, cpus);
    }

    private PciIdentity identity(XmlElement pci, SourceRef at) {
        OptionalInt cls = hex(pci, "class", at);
        OptionalInt sv = hex(pci, "subsystem_vendor", at);
        OptionalInt sd = hex(pci, "subsystem_device", at);
        boolean noSubsystem = sv.orElse(0) == 0 && sd.orElse(0) == 0;
        return new PciIdentity(hex(pci, "vendor", at), hex(pci, "device", at),
                noSubsystem ? OptionalInt.empty() : sv, noSubsystem ? OptionalInt.empty() : sd,
                cls.isPresent() && pci.attribute("class").get().length() == 8 ? cls : OptionalInt.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private void gpu(XmlElement pci, XmlElement gpu, Bdf address, OptionalInt numa, Optional<String> cpus) {
        OptionalInt dev = integer(gpu, "dev");
        Optional<String> rank = gpu.attribute("rank"); // RCCL may give several: "0,1"
        String name = unique(dev.isPresent() ? "GPU" + dev.getAsInt()
                : rank.isPresent() ? "GPU rank " + rank.get() : "GPU " + address);
        List<String> words = new ArrayList<>();
        dev.ifPresent(d -> words.add("device " + d));
        rank.ifPresent(r -> words.add("rank " + r));
        gpu.attribute("sm").ifPresent(sm -> words.add("sm " + sm));
        gpu.attribute("gcn").ifPresent(g -> words.add("gfx" + g));
        if (gpu.attribute("gdr").filter("1"::equals).isPresent()) words.add("GPUDirect RDMA");
        link(pci).ifPresent(words::add);
        devices.put(pci, new Device(name, Kind.GPU, Optional.empty(), Optional.of(address), Optional.of(address),
                Match.BUS_ID, numa, cpus, Optional.of(String.join(", ", words)), at(gpu)));
    }

    private void nic(XmlElement named, XmlElement nic, Optional<Bdf> address, OptionalInt numa,
            Optional<String> cpus) {
        List<String> names = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (XmlElement net : nic.children("net")) {
            net.attribute("name").ifPresent(names::add);
            integer(net, "speed").ifPresent(s -> words.add(s / 1000 + " Gb/s"));
            if (net.attribute("gdr").filter("1"::equals).isPresent() && !words.contains("GPUDirect RDMA")) {
                words.add("GPUDirect RDMA");
            }
        }
        String name = unique(names.isEmpty() ? "NIC " + address.map(Bdf::toString).orElse("below the CPU")
                : String.join("/", names));
        if (named.name.equals("pci")) link(named).ifPresent(words::add);
        devices.put(named, new Device(name, Kind.NIC, Optional.empty(), address, address,
                address.isPresent() ? Match.BUS_ID : Match.NONE, numa, cpus,
                words.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", words)), at(nic)));
    }

    /** A NIC straight under a CPU has no PCI device of its own (a virtual or network-plugin NIC). */
    private void nicBelowCpu(XmlElement nic, OptionalInt numa, Optional<String> cpus) {
        nic(nic, nic, Optional.empty(), numa, cpus);
    }

    private static Optional<String> link(XmlElement pci) {
        Optional<String> speed = pci.attribute("link_speed");
        Optional<String> width = pci.attribute("link_width");
        if (speed.isEmpty() && width.isEmpty()) return Optional.empty();
        return Optional.of("PCIe " + speed.orElse("?") + " x" + width.orElse("?") + " (NCCL: the lesser of the "
                + "device's and its port's maximum)");
    }

    private String unique(String name) {
        String n = name;
        for (int k = 2; isTaken(n); k++) n = name + " (" + k + ")";
        return n;
    }

    private boolean isTaken(String name) {
        return devices.values().stream().anyMatch(d -> d.name().equals(name));
    }

    private void report(XmlElement system) {
        if (devices.isEmpty()) {
            findings.warning(at(system), "the file names no GPU and no NIC; there are no NCCL paths to compare",
                    null);
        }
        Map<XmlElement, String> names = new LinkedHashMap<>();
        devices.forEach((e, d) -> names.put(e, d.name()));
        NcclPaths paths = NcclPaths.of(system, names, rccl, text.name(), findings);
        List<XmlElement> elements = List.copyOf(devices.keySet());
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            NcclPaths.From from = paths.from(elements.get(i));
            for (int j = i + 1; j < elements.size(); j++) {
                NcclPaths.Path p = from.to(elements.get(j));
                Device a = devices.get(elements.get(i));
                Device b = devices.get(elements.get(j));
                pairs.add(new Pair(a.name(), b.name(), p.label(), p.via().isEmpty() ? Optional.empty()
                        : Optional.of(String.join(" → ", p.via())), a.at()));
            }
        }
        List<String> notes = List.of((rccl ? "RCCL" : "NCCL") + "'s path types are computed by dmascope from the "
                + "file's own tree and links, as " + (rccl ? "RCCL" : "NCCL") + " does before its PXN and P2C "
                + "adjustments");
        machine.toolReport(new ToolReport(rccl ? Tool.RCCL_XML : Tool.NCCL_XML, at(system),
                List.copyOf(devices.values()), pairs, notes));
    }

    static Optional<Bdf> busId(String text) {
        Matcher m = BUSID.matcher(text.trim());
        if (!m.matches() || Integer.parseInt(m.group(3), 16) > 0x1F) return Optional.empty();
        return Optional.of(Bdf.of((int) Long.parseLong(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3), 16), m.group(4).charAt(0) - '0'));
    }

    private OptionalInt hex(XmlElement e, String key, SourceRef at) {
        Optional<String> v = e.attribute(key);
        if (v.isEmpty()) return OptionalInt.empty();
        Matcher m = HEX.matcher(v.get());
        if (!m.matches()) {
            findings.warning(at, key + "=\"" + v.get() + "\" is not a hexadecimal number; it is ignored", null);
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(m.group(1).toLowerCase(Locale.ROOT), 16));
    }

    private OptionalInt integer(XmlElement e, String key) {
        Optional<String> v = e.attribute(key);
        if (v.isEmpty()) return OptionalInt.empty();
        if (!DECIMAL.matcher(v.get()).matches()) {
            findings.warning(at(e), key + "=\"" + v.get() + "\" is not a number; it is ignored", null);
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(v.get()));
    }
}
