package org.dmascope.views.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.dmascope.model.kernel.platform.Assumption;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformSettings;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.DmaRange;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Provenance;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Sriov;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;
import org.dmascope.views.topology.DeviceText;

/**
 * Turns the selection into inspector rows: every field of a PCI function, host bridge, NUMA node,
 * or (with nothing selected) the machine, grouped by category. Each row says where its value came
 * from: the field's own provenance ({@code file:line}), else the topology file; derived values say so.
 * Unknown values say "unknown", and where the kernel then falls back to a default, which one.
 */
public final class InspectorRows {
    public static final String IDENTITY = "Identity";
    public static final String PCIE = "PCI Express";
    public static final String LINK = "Link";
    public static final String BRIDGE = "Bridge";
    public static final String BARS = "BARs";
    public static final String ACS = "ACS";
    public static final String DMA = "DMA parameters";
    public static final String SRIOV = "SR-IOV";
    public static final String P2P = "P2P memory";
    public static final String PLACEMENT = "Place in the machine";
    public static final String HOST_BRIDGE = "Host bridge";
    public static final String WINDOWS = "CPU windows";
    public static final String DMA_RANGES = "Inbound DMA ranges";
    public static final String NUMA = "NUMA node";
    public static final String MACHINE = "Machine";
    public static final String CPU = "CPU";
    public static final String IOMMU = "IOMMU";
    public static final String SWIOTLB = "swiotlb";
    public static final String INFERRED = "Inferred and assumed";
    public static final String UNKNOWN = "unknown";
    public static final String DERIVED = "derived";

    /** The kernel's defaults for a PCI device whose driver changed nothing (R-MAP-4, pci_device_add). */
    static final String DEFAULT_MASK = "kernel default DMA_BIT_MASK(32) = 0xffffffff";
    static final String DEFAULT_MAX_SEGMENT = "kernel default 65536";
    static final String DEFAULT_BOUNDARY = "kernel default 0xffffffff";
    static final String DEFAULT_ALIGN = "kernel default 0 (no alignment kept)";

    private final List<InspectorRow> rows = new ArrayList<>();
    private final Provenance provenance;
    private final String file;
    private String category = IDENTITY;

    private InspectorRows(Provenance provenance, String file) {
        this.provenance = provenance;
        this.file = file == null || file.isBlank() ? "topology file" : file;
    }

    // ---- PCI function ----

    public static List<InspectorRow> of(Topology t, PciFunction f, String file) {
        InspectorRows r = new InspectorRows(f.provenance(), file);
        r.identity(f);
        r.pcie(f);
        r.link(f);
        f.bridge().ifPresent(r::bridge);
        r.bars(f);
        r.acs(f);
        r.dma(f.dma());
        r.sriov(t, f);
        r.p2p(f);
        r.placement(t, f);
        return List.copyOf(r.rows);
    }

    private void identity(PciFunction f) {
        category = IDENTITY;
        PciIdentity id = f.identity();
        add("Address", f.address().toString(), "address");
        derived("Kind", f.kind().label());
        identityRow("Vendor", idAndName(id.vendorId(), id.vendorName()), id.vendorId().isPresent(), "vendor",
                id.vendorName().isPresent(), "vendorName");
        identityRow("Device", idAndName(id.deviceId(), id.deviceName()), id.deviceId().isPresent(), "device",
                id.deviceName().isPresent(), "deviceName");
        if (!id.idCandidates().isEmpty()) {
            add("ID candidates", id.idCandidates().stream().map(Object::toString).collect(Collectors.joining(", "))
                    + " (pci.ids gives the name to each; the ID is not guessed)", "identity");
        }
        String subsystem = id.subsystemVendorId().isPresent() || id.subsystemDeviceId().isPresent()
                ? hex4(id.subsystemVendorId()) + ":" + hex4(id.subsystemDeviceId()) + id.subsystemName().map(n -> " "
                        + n).orElse("")
                : id.subsystemName().orElse(null);
        identityRow("Subsystem", subsystem, id.subsystemVendorId().isPresent(), "subsystemVendor",
                id.subsystemName().isPresent(), "subsystemName");
        String cls = id.classCode().isPresent()
                ? Hex.hex(id.classCode().getAsInt(), 6) + id.className().map(n -> " " + n).orElse("")
                : id.className().orElse(null);
        identityRow("Class", cls, id.classCode().isPresent(), "class", id.className().isPresent(), "className");
        add("Revision", id.revision().isPresent() ? Hex.hex(id.revision().getAsInt(), 2) : null, "revision");
        add("Header type", f.headerType().isPresent() ? headerType(f.headerType().getAsInt()) : null, "headerType");
        add("Multifunction", yesNo(f.multifunction()), "multifunction");
        add("Driver", f.driver().orElse(null), "driver");
    }

    private void pcie(PciFunction f) {
        category = PCIE;
        add("Port type", f.portType().map(p -> p.label() + (p.isPcie() ? "" : " (no PCI Express capability)"))
                .orElse(null), "portType");
        add("ATS", presence(f.ats()), "ats");
        add("PASID", presence(f.pasid()), "pasid");
        add("PRI", presence(f.pri()), "pri");
        add("Untrusted",
                f.untrusted().map(u -> u ? "yes: behind an external-facing port, DMA always bounces through swiotlb"
                : "no").orElse(null), "untrusted");
        add("External-facing", yesNo(f.externalFacing()), "externalFacing");
    }

    private void link(PciFunction f) {
        category = LINK;
        Optional<Link> link = f.link();
        add("Capability", link.flatMap(Link::capability).map(InspectorRows::linkText).orElse(null), "link");
        add("Status", link.flatMap(Link::status).map(InspectorRows::linkText).orElse(null), "link");
        if (link.flatMap(Link::capability).isPresent() && link.flatMap(Link::status).isPresent()) {
            derived("Trained below capability", link.get().downgraded() ? "yes (lspci: downgraded)" : "no");
        }
    }

    private void bridge(Bridge b) {
        category = BRIDGE;
        add("Primary bus", b.primary().isPresent() ? Hex.hex(b.primary().getAsInt(), 2) : null, "bridge");
        add("Secondary bus", Hex.hex(b.secondary(), 2), "bridge");
        add("Subordinate bus", Hex.hex(b.subordinate(), 2), "bridge");
        add("I/O window", b.io().map(InspectorRows::window).orElse(null), "bridge");
        add("Memory window", b.memory().map(InspectorRows::window).orElse(null), "bridge");
        add("Prefetchable window", b.prefetchable().map(InspectorRows::window).orElse(null), "bridge");
    }

    private void bars(PciFunction f) {
        category = BARS;
        if (f.bars().isEmpty()) {
            add("BARs", "none listed", "bars");
            return;
        }
        for (Bar b : f.bars()) add("BAR " + b.index(), bar(b), "bar" + b.index(), "bars");
    }

    private void acs(PciFunction f) {
        category = ACS;
        if (f.acs().isEmpty()) {
            add("ACS", null, "acs");
            return;
        }
        Acs a = f.acs().get();
        if (!a.present()) {
            add("ACS", "absent (no ACS capability)", "acs");
            return;
        }
        add("Capability", a.capability().isPresent() ? Hex.reg(a.capability().getAsInt(), 4) : null, "acs");
        if (a.capability().isPresent()) add("Capability bits", Acs.lspciBits(a.capability().getAsInt()), "acs");
        add("Control", a.control().isPresent() ? Hex.reg(a.control().getAsInt(), 4) + " (" + Acs.shortBits(a.control()
                .getAsInt()) + ")"
                : null, "acs");
        if (a.control().isPresent()) add("Control bits", Acs.lspciBits(a.control().getAsInt()), "acs");
    }

    private void dma(DmaParameters d) {
        category = DMA;
        if (d.maskBits().isPresent()) {
            int bits = d.maskBits().getAsInt();
            add("DMA mask", bits + " bits: DMA_BIT_MASK(" + bits + ") = " + Hex.addr(DmaParameters.bitMask(bits)),
                    "dma");
        } else {
            unknown("DMA mask", DEFAULT_MASK, "dma");
        }
        if (d.maxSegmentSize().isPresent()) add("Max segment size", size(d.maxSegmentSize().getAsLong()), "dma");
        else unknown("Max segment size", DEFAULT_MAX_SEGMENT, "dma");
        if (d.segmentBoundaryMask().isPresent()) add("Segment boundary mask", Hex.addr(d.segmentBoundaryMask()
                .getAsLong()), "dma");
        else unknown("Segment boundary mask", DEFAULT_BOUNDARY, "dma");
        if (d.minAlignMask().isPresent()) add("Min align mask", Hex.addr(d.minAlignMask().getAsLong()), "dma");
        else unknown("Min align mask", DEFAULT_ALIGN, "dma");
    }

    private void sriov(Topology t, PciFunction f) {
        if (f.sriov().isPresent()) {
            category = SRIOV;
            Sriov s = f.sriov().get();
            add("Total VFs", String.valueOf(s.totalVfs()), "sriov");
            add("Enabled VFs", String.valueOf(s.numVfs()), "sriov");
            add("VF offset", String.valueOf(s.vfOffset()), "sriov");
            add("VF stride", String.valueOf(s.vfStride()), "sriov");
            add("VF device ID", s.vfDeviceId().isPresent() ? Hex.hex(s.vfDeviceId().getAsInt(), 4) : null, "sriov");
            List<Bdf> vfs = t.functions().stream().filter(v -> v.physicalFunction().filter(f.address()::equals)
                    .isPresent())
                    .map(PciFunction::address).toList();
            derived("VFs in this topology", vfs.isEmpty() ? "none" : vfs.size() + ": " + range(vfs));
        }
        if (f.physicalFunction().isPresent()) {
            category = SRIOV;
            Bdf pf = f.physicalFunction().get();
            add("Physical function", pf.toString(), "physicalFunction");
            t.function(pf).flatMap(PciFunction::sriov).ifPresent(s -> {
                int n = s.vfStride() == 0 ? 1 : (f.address()
                        .requesterId() - pf.requesterId() - s.vfOffset()) / s.vfStride() + 1;
                derived("VF number", String.valueOf(n));
            });
        }
    }

    private void p2p(PciFunction f) {
        category = P2P;
        if (f.p2pMemory().isEmpty()) {
            add("P2P memory", "none registered", "p2pMemory");
            return;
        }
        int i = 0;
        for (P2pMemory m : f.p2pMemory()) {
            String where = "BAR " + m.bar() + " + " + Hex.addr(m.offset()) + ", " + size(m.size());
            add("Provider " + i++, where + (m.published() ? ", published (pci_p2pmem_publish)" : ", not published"),
                    "p2pMemory");
        }
    }

    private void placement(Topology t, PciFunction f) {
        category = PLACEMENT;
        add("NUMA node", f.numaNode().isPresent() ? String.valueOf(f.numaNode().getAsInt()) : null, "numaNode");
        add("IOMMU group (reported)", f.iommuGroup().isPresent() ? String.valueOf(f.iommuGroup().getAsInt()) : null,
                "iommuGroup");
        PciHierarchy h = t.hierarchy();
        derived("Host bridge", h.hostBridgeOf(f).map(HostBridge::id).orElse("none: the bus's upstream is unknown"));
        boolean fragment = h.hostBridgeOf(f).isEmpty();
        derived("Upstream bridge", h.upstreamBridge(f).map(b -> b.address().toString())
                .orElse(fragment ? "unknown: nothing above this bus is in the topology" : "none (on a root bus)"));
        derived("Path to the root", h.pathToRoot(f).stream().map(p -> p.address().shortText())
                .collect(Collectors.joining(" → ")));
    }

    // ---- host bridge, NUMA node, machine ----

    public static List<InspectorRow> of(Topology t, HostBridge hb, String file) {
        InspectorRows r = new InspectorRows(hb.provenance(), file);
        r.category = HOST_BRIDGE;
        r.add("Id", hb.id(), "id");
        r.add("Domain", Hex.hex(hb.domain(), 4), "domain");
        r.add("Root bus", Hex.hex(hb.rootBus(), 2), "rootBus");
        r.add("Bus range", hb.busRange().map(Object::toString).orElse(null), "busRange");
        r.add("NUMA node", hb.numaNode().isPresent() ? String.valueOf(hb.numaNode().getAsInt()) : null, "numaNode");
        long onRoot = t.hierarchy().bus(hb.domain(), hb.rootBus()).map(b -> b.devices().size()).orElse(0);
        r.derived("Functions on the root bus", String.valueOf(onRoot));
        r.category = WINDOWS;
        if (hb.windows().isEmpty()) r.add("Windows", null, "windows");
        int i = 0;
        for (HostWindow w : hb.windows()) r.add("Window " + i++, window(w), "windows");
        r.category = DMA_RANGES;
        if (hb.dmaRanges().isEmpty()) r.add("DMA ranges", "none: bus addresses equal CPU addresses", "dmaRanges");
        i = 0;
        for (DmaRange d : hb.dmaRanges()) {
            r.add("Range " + i++, "bus " + d.busRange() + " → CPU " + d.cpuRange() + " (" + size(d.size()) + ")",
                    "dmaRanges");
        }
        return List.copyOf(r.rows);
    }

    public static List<InspectorRow> of(Topology t, NumaNode n, String file) {
        InspectorRows r = new InspectorRows(Provenance.NONE, file);
        r.category = NUMA;
        r.add("Id", String.valueOf(n.id()), "id");
        r.add("Socket", n.socket().isPresent() ? String.valueOf(n.socket().getAsInt()) : null, "socket");
        r.add("CPUs", n.cpus().orElse(null), "cpus");
        if (n.memory().isEmpty()) r.add("System RAM", null, "memory");
        int i = 0;
        for (AddressRange m : n.memory()) r.add("RAM range " + i++, m + " (" + size(m.size()) + ")", "memory");
        if (!n.memory().isEmpty()) r.derived("Total RAM", ByteSize.human(n.totalMemory()));
        List<String> hbs = t.hostBridges().stream().filter(hb -> hb.numaNode().isPresent() && hb.numaNode()
                .getAsInt() == n.id())
                .map(HostBridge::id).toList();
        r.derived("Host bridges", hbs.isEmpty() ? "none" : String.join(", ", hbs));
        return List.copyOf(r.rows);
    }

    /**
     * The machine as a whole with what the rules take for the facts it does not state: a CPU or IOMMU row the
     * input leaves unknown names the inferred value it stands for, which the rows of {@link #inferred} explain.
     */
    public static List<InspectorRow> of(Topology t, String file, PlatformAssumptions a) {
        List<InspectorRow> rows = new ArrayList<>();
        for (InspectorRow row : of(t, file)) rows.add(pointToInference(row, a));
        rows.addAll(inferred(a));
        return List.copyOf(rows);
    }

    private static InspectorRow pointToInference(InspectorRow row, PlatformAssumptions a) {
        if (!row.unknown() || !row.value().equals(UNKNOWN)) return row;
        Assumption<?> fact = null;
        if (row.category().equals(CPU) && row.name().equals("Vendor")) fact = a.cpuAssumption();
        if (row.category().equals(IOMMU) && row.name().equals("Driver")) fact = a.iommuAssumption();
        if (fact == null || fact.source() != AssumptionSource.INFERRED) return row;
        return new InspectorRow(row.category(), row.name(), UNKNOWN + " → " + fact.shown() + " (inferred, see "
                + INFERRED + ")", row.source(), row.exact(), true);
    }

    /**
     * What the rules take for facts the input does not state: each inferred fact (with the device and line
     * it comes from) and each assumed one (the RAM layout), so the machine view never hides a guess.
     */
    public static List<InspectorRow> inferred(PlatformAssumptions a) {
        List<InspectorRow> out = new ArrayList<>();
        for (Assumption<?> x : a.all()) {
            boolean assumed = x.source() == AssumptionSource.DEFAULT && x.name().equals(PlatformSettings.RAM);
            if (x.source() != AssumptionSource.INFERRED && !assumed) continue;
            out.add(new InspectorRow(INFERRED, x.name(), x.shown(), x.source().words() + ": " + x.detail(), false,
                    false));
        }
        return out;
    }

    /** The machine as a whole, shown when nothing is selected. */
    public static List<InspectorRow> of(Topology t, String file) {
        InspectorRows r = new InspectorRows(Provenance.NONE, file);
        r.category = MACHINE;
        r.add("Name", t.name(), "name");
        r.add("Description", t.description().orElse(null), "description");
        r.add("Source", t.source().map(s -> s.kind().jsonName() + s.detail().map(d -> ": " + d).orElse(""))
                .orElse(null), "source");
        r.derived("PCI functions", String.valueOf(t.functions().size()));
        r.derived("Host bridges", String.valueOf(t.hostBridges().size()));
        r.derived("NUMA nodes", String.valueOf(t.numaNodes().size()));
        Platform p = t.platform();
        r.add("Architecture", p.architecture().map(Platform.Architecture::jsonName).orElse(null), "architecture");
        r.add("Memory encryption", p.memoryEncryption().map(Platform.MemoryEncryption::jsonName).orElse(null),
                "memoryEncryption");
        r.add("Kernel command line", p.kernelCommandLine().orElse(null), "kernelCommandLine");
        r.category = CPU;
        r.add("Vendor", p.cpu().vendor().map(Platform.CpuVendor::jsonName).orElse(null), "cpu");
        r.add("Family", p.cpu().family().isPresent() ? Hex.reg(p.cpu().family().getAsInt(), 2) : null, "cpu");
        r.add("Model", p.cpu().model().orElse(null), "cpu");
        r.category = IOMMU;
        Platform.Iommu io = p.iommu();
        r.add("Driver", io.driver().map(Platform.IommuDriver::jsonName).orElse(null), "iommu");
        r.add("Default domain", io.defaultDomain().map(Platform.DomainType::jsonName).orElse(null), "iommu");
        r.add("Invalidation", io.strict().map(s -> s ? "strict (iommu.strict=1)" : "lazy (flush queue)").orElse(null),
                "iommu");
        r.add("Address width", io.addressWidth().isPresent() ? io.addressWidth().getAsInt() + " bits" : null, "iommu");
        r.add("Page-table format", io.pageTableFormat().map(Platform.PageTableFormat::jsonName).orElse(null), "iommu");
        r.add("Granule", io.granule().isPresent() ? size(io.granule().getAsLong()) : null, "iommu");
        r.category = SWIOTLB;
        Platform.Swiotlb s = p.swiotlb();
        r.add("Pool start", s.start().isPresent() ? Hex.addr(s.start().getAsLong()) : null, "swiotlb");
        if (s.size().isPresent()) r.add("Pool size", size(s.size().getAsLong()), "swiotlb");
        else r.unknown("Pool size", "kernel default 64MiB", "swiotlb");
        r.add("Forced (swiotlb=force)", yesNo(s.forced()), "swiotlb");
        return List.copyOf(r.rows);
    }

    // ---- row helpers ----

    private void add(String name, String value, String... keys) {
        Optional<SourceRef> ref = Optional.empty();
        for (String k : keys) {
            ref = provenance.of(k);
            if (ref.isPresent()) break;
        }
        boolean unknown = value == null;
        rows.add(new InspectorRow(category, name, unknown ? UNKNOWN : value, ref.map(SourceRef::toString).orElse(file),
                ref.isPresent(), unknown));
    }

    /**
     * A row of an ID and its name, which may come from different places: a dump that names a device without
     * IDs, whose IDs pci.ids gave ({@code ID pci.ids (2023-04-10):26448 · name lspci.txt:12}). Each part's
     * own provenance key, else the identity's.
     */
    private void identityRow(String name, String value, boolean hasId, String idKey, boolean hasName,
            String nameKey) {
        Optional<SourceRef> identity = provenance.of("identity");
        Optional<SourceRef> id = hasId ? provenance.of(idKey).or(() -> identity) : Optional.empty();
        Optional<SourceRef> label = hasName ? provenance.of(nameKey).or(() -> identity) : Optional.empty();
        if (id.isPresent() && label.isPresent() && !id.equals(label)) {
            rows.add(new InspectorRow(category, name, value == null ? UNKNOWN : value, "ID " + id.get() + " · name "
                    + label.get(), true, value == null));
            return;
        }
        add(name, value, idKey, nameKey, "identity");
    }

    private void unknown(String name, String kernelDefault, String key) {
        Optional<SourceRef> ref = provenance.of(key);
        rows.add(new InspectorRow(category, name, UNKNOWN + " → " + kernelDefault, ref.map(SourceRef::toString)
                .orElse(file),
                ref.isPresent(), true));
    }

    private void derived(String name, String value) {
        rows.add(new InspectorRow(category, name, value, DERIVED, false, false));
    }

    private static String idAndName(OptionalInt id, Optional<String> name) {
        if (id.isEmpty() && name.isEmpty()) return null;
        if (id.isEmpty()) return name.get();
        return Hex.hex(id.getAsInt(), 4) + name.map(n -> " " + n).orElse("");
    }

    private static String hex4(OptionalInt v) {
        return v.isPresent() ? Hex.hex(v.getAsInt(), 4) : "????";
    }

    private static String headerType(int t) {
        return t + switch (t) {
            case 0 -> " (endpoint)";
            case 1 -> " (PCI-to-PCI bridge)";
            case 2 -> " (CardBus bridge)";
            default -> "";
        };
    }

    private static String yesNo(Optional<Boolean> v) {
        return v.map(b -> b ? "yes" : "no").orElse(null);
    }

    private static String presence(Optional<Boolean> v) {
        return v.map(b -> b ? "present" : "absent").orElse(null);
    }

    private static String linkText(LinkState s) {
        if (s.width() == 0) return s.speed().text() + " x0 (link down)";
        return s + String.format(Locale.ROOT, " (%.2f GB/s per direction)", s.gigabytesPerSecond());
    }

    private static String window(BridgeWindow w) {
        return w.range().map(r -> r + " (" + size(r.size()) + ")").orElse("disabled");
    }

    private static String window(HostWindow w) {
        String s = w.kind().jsonName() + " CPU " + w.cpuRange() + " (" + size(w.size()) + ")";
        if (w.offset() == 0) return s + ", bus address = CPU address";
        return s + " → bus " + w.busRange() + ", offset " + Hex.addr(w.offset());
    }

    private static String bar(Bar b) {
        StringBuilder sb = new StringBuilder();
        sb.append(b.address().isPresent() ? Hex.addr(b.address().getAsLong()) : "address unknown");
        OptionalLong size = b.size();
        sb.append(", ").append(size.isPresent() ? size(size.getAsLong()) : "size unknown");
        if (b.isMemory()) {
            sb.append(", ").append(b.is64Bit() ? "64-bit" : "32-bit").append(" memory, ")
                    .append(b.prefetchable() ? "prefetchable" : "non-prefetchable");
        } else {
            sb.append(", I/O ports");
        }
        if (b.resizable()) {
            // Resizable BAR: the range a driver may ask for (pci_resize_resource), R-ADDR-6 on the address map.
            List<Long> s = b.resizableSizes();
            sb.append(", resizable ").append(s.size() == 1 ? size(s.get(0))
                    : size(s.get(0)) + "–" + size(s.get(s.size() - 1)));
        }
        return sb.toString();
    }

    private static String size(long bytes) {
        String exact = ByteSize.format(bytes);
        String human = ByteSize.human(bytes);
        return exact.startsWith("0x") && !human.startsWith("0x") ? exact + " (≈ " + human + ")" : exact;
    }

    private static String range(List<Bdf> list) {
        if (list.size() <= 3) return list.stream().map(Bdf::toString).collect(Collectors.joining(", "));
        return list.get(0) + " … " + list.get(list.size() - 1);
    }
}
