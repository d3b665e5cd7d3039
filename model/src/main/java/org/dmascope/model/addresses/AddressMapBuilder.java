package org.dmascope.model.addresses;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.groups.IommuGroup;
import org.dmascope.model.kernel.iommu.IovaReservedRegions;
import org.dmascope.model.kernel.iommu.ReservedRegion;
import org.dmascope.model.kernel.iova.IovaRange;
import org.dmascope.model.kernel.platform.AssumedMachine;
import org.dmascope.model.kernel.swiotlb.SwiotlbSizing;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.SwiotlbPoolPlacement;
import org.dmascope.model.session.SessionSnapshot;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.Platform;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/** Collects the ranges of an {@link AddressMap}, runs the checks and sorts each space. */
final class AddressMapBuilder {
    /**
     * The x86 MSI doorbell: a write to 0xfee00000-0xfeefffff is an interrupt message to a local APIC, not a
     * memory access ({@code X86_MSI_BASE_ADDRESS_LOW (0xfee00000 >> 20)}, arch/x86/include/asm/msi.h, v5.11+;
     * the IOMMUs reserve the whole MiB, {@code IOAPIC_RANGE_START}/{@code MSI_RANGE_START}).
     */
    static final AddressRange X86_INTERRUPT_WINDOW = new AddressRange(IovaReservedRegions.MSI_RANGE_START,
            IovaReservedRegions.MSI_RANGE_END);

    private static final Comparator<MappedRange> BY_ADDRESS = (a, b) -> {
        int c = Long.compareUnsigned(a.range().start(), b.range().start());
        return c != 0 ? c : Long.compareUnsigned(b.range().end(), a.range().end());
    };

    private final TopologyRules rules;
    private final SessionSnapshot snapshot;
    private final Topology t;
    private final List<MappedRange> memory = new ArrayList<>();
    private final List<MappedRange> io = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    AddressMapBuilder(TopologyRules rules, SessionSnapshot snapshot) {
        this.rules = rules;
        this.snapshot = snapshot;
        this.t = rules.topology();
    }

    AddressMap build() {
        ram();
        hostWindows();
        hostWindowsMissing();
        Map<PciFunction, List<Decoded>> decoded = functions();
        swiotlb();
        interruptWindow();
        new AddressChecks(t.hierarchy(), decoded).run();
        memory.sort(BY_ADDRESS);
        io.sort(BY_ADDRESS);
        List<AddressSpace> spaces = new ArrayList<>();
        spaces.add(new AddressSpace(AddressSpace.Kind.CPU_MEMORY, "CPU physical address space",
                count(memory) + " — what a CPU load or store, and an untranslated DMA, reaches", memory));
        spaces.add(new AddressSpace(AddressSpace.Kind.IO_PORTS, "I/O port space",
                count(io) + " — x86 in/out instructions; other architectures map it into memory", io));
        spaces.addAll(iovaSpaces());
        return new AddressMap(spaces, notes);
    }

    private static String count(List<MappedRange> ranges) {
        long problems = ranges.stream().filter(MappedRange::hasProblems).count();
        return ranges.size() + " range" + (ranges.size() == 1 ? "" : "s")
                + (problems == 0 ? "" : ", " + problems + " with problems");
    }

    /**
     * System RAM per node. Where the input describes none (an lspci export), the rules' assumed layout is shown,
     * marked assumed, and a note says so: the map never draws a guess as a fact, nor hides what the answers use.
     */
    private void ram() {
        boolean assumed = !AssumedMachine.describesRam(t);
        Topology source = assumed ? rules.machine() : t;
        for (NumaNode n : source.numaNodes()) {
            Owner owner = new Owner(Owner.Kind.NUMA_NODE, "NUMA node " + n.id(), String.valueOf(n.id()));
            for (AddressRange r : n.memory()) {
                memory.add(new MappedRange(r, RangeKind.RAM, owner, "System RAM, " + ByteSize.human(r.size())
                        + (assumed ? ", assumed (not in the input)" : ""), assumed));
            }
        }
        if (assumed && AssumedMachine.describesRam(source)) {
            String layout = rules.assumptions().ramAssumption().shown().replace(" (assumed)", "");
            notes.add("System RAM is not in the input: the ranges marked assumed are the layout the answers use ("
                    + layout + ", clear of every BAR and window; Platform & Kernel ▸ ram). With the real layout a "
                    + "buffer's addresses, and whether it lies above 4 GiB (a 32-bit DMA mask then bounces through "
                    + "swiotlb), could differ");
        }
    }

    /** Host-bridge windows are what an lspci export never shows; say what the map cannot check without them. */
    private void hostWindowsMissing() {
        if (t.hostBridges().isEmpty() || t.hostBridges().stream().anyMatch(hb -> !hb.windows().isEmpty())) return;
        notes.add("Host-bridge windows are not in the input (lspci lists devices, not the host bridges' apertures; "
                + "dmesg's \"root bus resource\" lines have them): root ports' windows are not checked against them "
                + "(R-ADDR-1), and bus addresses are taken as CPU addresses (offset 0), right on most x86 machines, "
                + "wrong where a host bridge translates (many arm64 and POWER machines)");
    }

    private void hostWindows() {
        for (HostBridge hb : t.hostBridges()) {
            Owner owner = new Owner(Owner.Kind.HOST_BRIDGE, "host bridge " + hb.id(), hb.id());
            for (HostWindow w : hb.windows()) {
                Optional<AddressRange> cpu = AddressChecks.cpuRange(w);
                if (cpu.isEmpty()) continue;
                String offset = w.offset() == 0 ? "bus addresses = CPU addresses (offset 0)"
                        : "bus " + Hex.addr(w.busStart()) + "-" + Hex.addr(w.busStart() + w.size() - 1)
                                + ", offset " + Hex.addr(w.offset()) + " (CPU − bus)";
                MappedRange m = new MappedRange(cpu.get(), RangeKind.HOST_WINDOW, owner, w.kind().jsonName()
                        + " window, " + offset);
                (w.kind() == HostWindow.Kind.IO ? io : memory).add(m);
            }
        }
    }

    private Map<PciFunction, List<Decoded>> functions() {
        Map<PciFunction, List<Decoded>> out = new LinkedHashMap<>();
        for (PciFunction f : t.functions()) {
            List<Decoded> mine = decode(f, notes);
            for (Decoded d : mine) if (d.placed()) (d.io() ? io : memory).add(d.range());
            if (!mine.isEmpty()) out.put(f, mine);
        }
        return out;
    }

    /**
     * The BARs and bridge windows of one function, each with its range on the map (none for an unassigned BAR).
     * A BAR whose end would pass 2^64 is left out with a note.
     */
    static List<Decoded> decode(PciFunction f, List<String> notes) {
        Owner owner = new Owner(Owner.Kind.FUNCTION, f.address() + " " + f.identity().displayName(),
                f.address().toString());
        List<Decoded> mine = new ArrayList<>();
        for (Bar b : f.bars()) bar(f, owner, b, notes).ifPresent(mine::add);
        f.bridge().ifPresent(br -> bridgeWindows(f, owner, br, mine));
        return mine;
    }

    private static Optional<Decoded> bar(PciFunction f, Owner owner, Bar b, List<String> notes) {
        boolean isIo = b.space() == Bar.Space.IO;
        String what = "BAR " + b.index();
        if (b.address().isEmpty() || b.size().isEmpty()) {
            // An unassigned BAR has no place on the map, but it needs room in the window above (R-ADDR-5).
            return b.size().isPresent() ? Optional.of(new Decoded(null, f, what, isIo, b.prefetchable(), b.is64Bit(),
                    true, b.size())) : Optional.empty();
        }
        AddressRange r;
        try {
            r = AddressRange.ofSize(b.address().getAsLong(), b.size().getAsLong());
        } catch (IllegalArgumentException e) {
            notes.add(owner.label() + ": " + what + " is left off the map: " + e.getMessage());
            return Optional.empty();
        }
        String detail = what + ", " + (isIo ? "I/O" : (b.is64Bit() ? "64-bit" : "32-bit")
                + (b.prefetchable() ? ", prefetchable" : ", non-prefetchable")) + ", " + ByteSize.human(r.size())
                + (b.resizable() ? ", resizable to " + b.resizableSizes().stream().map(ByteSize::human)
                        .collect(Collectors.joining(", ")) : "");
        MappedRange m = new MappedRange(r, RangeKind.BAR, owner, detail);
        return Optional.of(new Decoded(m, f, what, isIo, b.prefetchable(), b.is64Bit(), true, b.size(),
                b.resizableSizes()));
    }

    private static void bridgeWindows(PciFunction f, Owner owner, Bridge br, List<Decoded> mine) {
        String buses = String.format("forwards to buses %02x-%02x", br.secondary(), br.subordinate());
        window(f, owner, br.io(), RangeKind.BRIDGE_IO, "I/O window", true, false, buses, mine);
        window(f, owner, br.memory(), RangeKind.BRIDGE_MEMORY, "memory window", false, false, buses, mine);
        window(f, owner, br.prefetchable(), RangeKind.BRIDGE_PREFETCHABLE, "prefetchable window", false, true, buses,
                mine);
    }

    private static void window(PciFunction f, Owner owner, Optional<BridgeWindow> w, RangeKind kind, String what,
                        boolean isIo, boolean pref, String buses, List<Decoded> mine) {
        Optional<AddressRange> r = w.flatMap(BridgeWindow::range);
        if (r.isEmpty()) return;
        MappedRange m = new MappedRange(r.get(), kind, owner, what + ", " + ByteSize.human(r.get().size()) + ", "
                + buses);
        boolean is64 = pref && Long.compareUnsigned(r.get().end(), 0xFFFF_FFFFL) > 0;
        mine.add(new Decoded(m, f, what, isIo, pref, is64, false, OptionalLong.of(r.get().size())));
    }

    private void swiotlb() {
        Platform.Swiotlb reported = t.platform().swiotlb();
        // Without System RAM and a reported start the pool goes in the assumed RAM, and says so.
        boolean assumedRam = !AssumedMachine.describesRam(t) && reported.start().isEmpty();
        Topology source = assumedRam ? rules.machine() : t;
        if (!AssumedMachine.describesRam(source) && reported.start().isEmpty()) return;
        List<String> placement = new ArrayList<>();
        SwiotlbSizing s;
        try {
            s = SwiotlbPoolPlacement.of(source, rules.assumptions(), false, placement);
        } catch (IllegalArgumentException e) {
            notes.add("swiotlb pool left off the map: " + e.getMessage());
            return;
        }
        AddressRange r;
        try {
            r = AddressRange.ofSize(s.start(), s.bytes());
        } catch (IllegalArgumentException e) {
            notes.add("swiotlb pool left off the map: " + e.getMessage());
            return;
        }
        boolean placed = reported.start().isEmpty();
        String detail = "default swiotlb pool, " + ByteSize.human(s.bytes()) + ", " + s.nslabs() + " slots of 2 KiB"
                + (placed ? "; the topology does not say where: placed at the top of " + (assumedRam ? "the assumed "
                        : "") + "RAM below 4 GiB, as boot's memblock_alloc_low does (kernel/dma/swiotlb.c)" : "");
        memory.add(new MappedRange(r, RangeKind.SWIOTLB, Owner.platform("swiotlb"), detail, assumedRam));
    }

    private void interruptWindow() {
        Optional<Platform.Architecture> arch = t.platform().architecture();
        if (arch.isPresent() && !arch.get().isX86()) return;
        memory.add(new MappedRange(X86_INTERRUPT_WINDOW, RangeKind.INTERRUPT, Owner.platform("x86 local APICs"),
                "MSI/interrupt window: a write here is an interrupt message to a CPU, not memory "
                        + "(X86_MSI_BASE_ADDRESS_LOW, arch/x86/include/asm/msi.h)"
                        + (arch.isEmpty() ? "; the architecture is not known, x86 assumed" : "")));
    }

    // ---- IOVA spaces ---------------------------------------------------------------------------

    private List<AddressSpace> iovaSpaces() {
        List<AddressSpace> out = new ArrayList<>();
        if (!rules.assumptions().iommuPresent()) return out;
        PciHierarchy h = t.hierarchy();
        Map<Bdf, SessionSnapshot.Domain> domainOf = new HashMap<>();
        for (SessionSnapshot.Domain d : snapshot.domains()) {
            for (Mapping m : d.live()) domainOf.putIfAbsent(m.request().initiator(), d);
        }
        List<SessionSnapshot.Domain> shown = new ArrayList<>();
        for (IommuGroup g : rules.groups().groups()) {
            boolean hasEndpoint = g.addresses().stream().map(t::function).flatMap(Optional::stream)
                    .anyMatch(f -> f.bridge().isEmpty());
            if (!hasEndpoint || !rules.defaultDomain(g).translated()) continue;
            PciFunction first = t.function(g.addresses().get(0)).orElse(null);
            HostBridge hb = first == null ? null : h.hostBridgeOf(first).orElse(null);
            List<MappedRange> ranges = new ArrayList<>();
            List<ReservedRegion> reserved;
            try {
                reserved = IovaReservedRegions.of(hb, rules.assumptions().iommu());
            } catch (IllegalArgumentException e) {
                // A window whose bus side runs past 2^64 (a file the validator lets through): say so, do not fail.
                notes.add("IOVA space of group " + g.id() + ": reserved regions left off: " + e.getMessage());
                reserved = IovaReservedRegions.of(null, rules.assumptions().iommu());
            }
            for (ReservedRegion r : reserved) {
                if (Long.compareUnsigned(r.start(), r.end()) > 0) continue;
                Owner owner = hb != null && r.reason().startsWith("host bridge")
                        ? new Owner(Owner.Kind.HOST_BRIDGE, "host bridge " + hb.id(), hb.id())
                        : Owner.platform("IOMMU " + rules.assumptions().iommu().jsonName());
                ranges.add(new MappedRange(new AddressRange(r.start(), r.end()), RangeKind.IOVA_RESERVED, owner,
                        "reserved: " + r.reason() + " (iova_reserve_iommu_regions, dma-iommu.c; R-IOMMU-1)"));
            }
            List<SessionSnapshot.Domain> live = g.addresses().stream().map(domainOf::get)
                    .filter(d -> d != null && !shown.contains(d)).distinct().toList();
            for (SessionSnapshot.Domain d : live) {
                ranges.addAll(allocations(d));
                shown.add(d);
            }
            ranges.sort(BY_ADDRESS);
            String members = g.addresses().stream().map(Bdf::toString).collect(Collectors.joining(", "));
            out.add(new AddressSpace(AddressSpace.Kind.IOVA, "IOVA: group " + g.id() + " (" + members + ")",
                    rules.defaultDomain(g).type().jsonName() + " default domain of IOMMU group " + g.id()
                            + (live.isEmpty() ? "; no live mapping" : "; live mappings in domain "
                                    + live.stream().map(SessionSnapshot.Domain::id).collect(Collectors.joining(", "))),
                    ranges));
        }
        for (SessionSnapshot.Domain d : snapshot.domains()) {
            if (shown.contains(d)) continue;
            List<MappedRange> ranges = new ArrayList<>(allocations(d));
            ranges.sort(BY_ADDRESS);
            out.add(new AddressSpace(AddressSpace.Kind.IOVA, "IOVA: domain " + d.id(), d.type().sysfsName()
                    + " domain of the live mappings", ranges));
        }
        return out;
    }

    /** The domain's IOVA allocations, each owned by the live mapping that took it when one did. */
    private static List<MappedRange> allocations(SessionSnapshot.Domain d) {
        Map<Long, Mapping> byStart = new HashMap<>();
        for (Mapping m : d.live()) {
            for (MapTrace.IovaAllocation a : m.iovaAllocations()) byStart.putIfAbsent(a.iova(), m);
        }
        List<MappedRange> out = new ArrayList<>();
        for (IovaRange r : d.allocated()) {
            long start = r.pfnLo() * d.granule();
            AddressRange range = new AddressRange(start, (r.pfnHi() + 1) * d.granule() - 1);
            Mapping m = byStart.get(start);
            Owner owner = m == null ? Owner.platform("domain " + d.id())
                    : new Owner(Owner.Kind.FUNCTION, m.request().initiator().toString(),
                            m.request().initiator().toString());
            String detail = m == null ? "allocated IOVA, " + ByteSize.human(range.size())
                    + " (held by the range cache or a pending flush)"
                    : "mapping #" + m.id() + ", " + m.request().buffer().spec() + ", " + ByteSize.human(range.size());
            out.add(new MappedRange(range, RangeKind.IOVA_ALLOCATED, owner, detail));
        }
        return out;
    }
}
