package org.dmascope.model.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * Checks that a topology describes a machine that could exist: addresses are unique, bridge bus
 * ranges nest, BARs lie inside the windows of the bridges above them, VFs have PFs, memory does not
 * overlap. Every finding names the device (its subject is the device address). Errors mean the
 * topology must not be loaded; warnings are listed and loading goes on.
 */
public final class TopologyValidator {

    private final Topology t;
    private final List<Diagnostic> out = new ArrayList<>();

    private TopologyValidator(Topology t) {
        this.t = t;
    }

    public static List<Diagnostic> validate(Topology topology) {
        TopologyValidator v = new TopologyValidator(topology);
        v.run();
        return List.copyOf(v.out);
    }

    private void error(PciFunction f, String message) {
        out.add(Diagnostic.error(name(f) + ": " + message).about(f.address().toString()));
    }

    private void warning(PciFunction f, String message) {
        out.add(Diagnostic.warning(name(f) + ": " + message).about(f.address().toString()));
    }

    private void error(HostBridge hb, String message) {
        out.add(Diagnostic.error("host bridge " + hb.id() + ": " + message).about("hostBridge:" + hb.id()));
    }

    private static String name(PciFunction f) {
        return f.identity().deviceName().map(n -> f.address() + " (" + n + ")").orElse(f.address().toString());
    }

    private void run() {
        checkUniqueAddresses();
        checkHostBridges();
        checkMemory();
        PciHierarchy h = t.hierarchy();
        checkBridgeBuses(h);
        for (PciFunction f : t.functions()) {
            checkBars(f);
            checkPlacement(h, f);
            checkContainment(h, f);
            checkVirtualFunction(f);
            checkP2pMemory(f);
            checkHeaderAgainstPortType(f);
            checkNumaNode(f);
        }
        checkSlots();
        checkBarOverlaps();
    }

    private void checkUniqueAddresses() {
        Set<Bdf> seen = new HashSet<>();
        for (PciFunction f : t.functions()) {
            if (!seen.add(f.address())) error(f, "the address " + f.address() + " appears more than once");
        }
    }

    private void checkHostBridges() {
        Set<String> ids = new HashSet<>();
        Set<Long> roots = new HashSet<>();
        for (HostBridge hb : t.hostBridges()) {
            if (!ids.add(hb.id())) error(hb, "the id is used by another host bridge");
            if (!roots.add((long) hb.domain() << 8 | hb.rootBus())) {
                error(hb, String.format("root bus %04x:%02x belongs to another host bridge too", hb.domain(), hb.rootBus()));
            }
            if (hb.busRange().isPresent() && !hb.busRange().get().contains(hb.rootBus())) {
                error(hb, String.format("root bus %02x is outside its bus range %s", hb.rootBus(), hb.busRange().get()));
            }
            for (DmaRange r : hb.dmaRanges()) {
                try {
                    r.cpuRange();
                    r.busRange();
                } catch (IllegalArgumentException e) {
                    error(hb, "DMA range: " + e.getMessage());
                }
            }
        }
        List<HostWindow> all = new ArrayList<>();
        Map<HostWindow, HostBridge> owner = new HashMap<>();
        for (HostBridge hb : t.hostBridges()) {
            for (HostWindow w : hb.windows()) {
                for (HostWindow o : all) {
                    if (o.kind().isMemory() == w.kind().isMemory() && o.cpuRange().overlaps(w.cpuRange())) {
                        error(hb, "window " + w.cpuRange() + " overlaps window " + o.cpuRange() + " of host bridge "
                                + owner.get(o).id());
                    }
                }
                all.add(w);
                owner.put(w, hb);
            }
        }
    }

    private void checkMemory() {
        List<AddressRange> ram = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (NumaNode n : t.numaNodes()) {
            if (!ids.add(n.id())) {
                out.add(Diagnostic.error("NUMA node " + n.id() + " is listed twice").about("numaNode:" + n.id()));
            }
            for (AddressRange r : n.memory()) {
                for (AddressRange o : ram) {
                    if (o.overlaps(r)) {
                        out.add(Diagnostic.error("NUMA node " + n.id() + ": System RAM " + r + " overlaps RAM " + o)
                                .about("numaNode:" + n.id()));
                    }
                }
                for (HostBridge hb : t.hostBridges()) {
                    for (HostWindow w : hb.windows()) {
                        if (w.kind().isMemory() && w.cpuRange().overlaps(r)) {
                            out.add(Diagnostic.error("NUMA node " + n.id() + ": System RAM " + r
                                    + " overlaps MMIO window " + w.cpuRange() + " of host bridge " + hb.id())
                                    .about("numaNode:" + n.id()));
                        }
                    }
                }
                ram.add(r);
            }
        }
    }

    private void checkBridgeBuses(PciHierarchy h) {
        Map<Long, PciFunction> secondaryOwner = new HashMap<>();
        Set<Long> rootBuses = new HashSet<>();
        for (HostBridge hb : t.hostBridges()) rootBuses.add((long) hb.domain() << 8 | hb.rootBus());
        for (PciFunction f : t.functions()) {
            if (f.bridge().isEmpty()) continue;
            Bridge b = f.bridge().get();
            int bus = f.address().bus();
            if (!b.busRangeValid()) {
                error(f, String.format("secondary bus %02x is above its subordinate bus %02x", b.secondary(), b.subordinate()));
                continue;
            }
            if (b.secondary() <= bus) {
                error(f, String.format("secondary bus %02x is not below the bridge's own bus %02x", b.secondary(), bus));
                continue;
            }
            long key = (long) f.address().domain() << 8 | b.secondary();
            if (rootBuses.contains(key)) {
                error(f, String.format("secondary bus %02x is the root bus of a host bridge", b.secondary()));
            }
            PciFunction prev = secondaryOwner.putIfAbsent(key, f);
            if (prev != null) {
                // Real hardware does this (devices that ignore their device number alias on every slot);
                // pci_scan_bridge_extend() then keeps the bus of the first bridge and does not re-add it.
                warning(f, String.format("secondary bus %02x is also the secondary bus of %s; the kernel keeps it behind "
                        + "%s, the first bridge it scans", b.secondary(), prev.address(), prev.address()));
            }
            if (b.primary().isPresent() && b.primary().getAsInt() != bus) {
                warning(f, String.format("primary bus register says %02x but the bridge sits on bus %02x",
                        b.primary().getAsInt(), bus));
            }
            // The bridge must lie within the bus range of the bridge above it, and within its host bridge's range.
            PciBus own = h.busOf(f);
            Optional<PciFunction> parent = own.self();
            if (parent.isPresent() && parent.get().bridge().isPresent()) {
                Bridge pb = parent.get().bridge().get();
                if (b.secondary() < pb.secondary() || b.subordinate() > pb.subordinate()) {
                    // Firmware or hotplug can leave this behind when bus numbers run out; the kernel keeps the
                    // bridge and its bus ("busn_res: can not insert"), but the bridge above never forwards to it.
                    warning(f, String.format("buses %02x-%02x are not within the range %02x-%02x of the bridge above, %s, "
                            + "so nothing below this bridge is reachable", b.secondary(), b.subordinate(),
                            pb.secondary(), pb.subordinate(), parent.get().address()));
                }
            }
            Optional<HostBridge> hb = h.hostBridgeOf(f);
            if (hb.isPresent() && hb.get().busRange().isPresent()) {
                HostBridge.BusRange r = hb.get().busRange().get();
                if (!r.contains(b.secondary()) || !r.contains(b.subordinate())) {
                    error(f, String.format("buses %02x-%02x are outside host bridge %s's bus range %s",
                            b.secondary(), b.subordinate(), hb.get().id(), r));
                }
            }
        }
        // Sibling bridges (same bus) must not share bus numbers.
        for (PciBus bus : h.buses()) {
            List<PciFunction> bridges = bus.devices().stream().filter(d -> d.bridge().isPresent()
                    && d.bridge().get().busRangeValid() && d.bridge().get().secondary() > d.address().bus()).toList();
            for (int i = 0; i < bridges.size(); i++) {
                for (int j = 0; j < i; j++) {
                    Bridge a = bridges.get(i).bridge().get();
                    Bridge b = bridges.get(j).bridge().get();
                    if (a.secondary() <= b.subordinate() && b.secondary() <= a.subordinate()
                            && a.secondary() != b.secondary()) {
                        error(bridges.get(i), String.format("buses %02x-%02x overlap buses %02x-%02x of %s",
                                a.secondary(), a.subordinate(), b.secondary(), b.subordinate(), bridges.get(j).address()));
                    }
                }
            }
        }
    }

    private void checkPlacement(PciHierarchy h, PciFunction f) {
        PciBus bus = h.busOf(f);
        if (bus.kind() == PciBus.Kind.ORPHAN && bus.devices().get(0) == f) {
            warning(f, String.format("bus %02x is not reached by any bridge or host bridge in this topology, so the "
                    + "devices on it are shown apart and their upstream path is unknown", f.address().bus()));
        }
    }

    private void checkVirtualFunction(PciFunction f) {
        if (f.physicalFunction().isPresent()) {
            Bdf pf = f.physicalFunction().get();
            Optional<PciFunction> p = t.function(pf);
            if (p.isEmpty()) {
                error(f, "is a virtual function of " + pf + ", which is not in the topology");
            } else if (p.get().sriov().isEmpty()) {
                warning(f, "is a virtual function of " + pf + ", which shows no SR-IOV capability");
            } else if (p.get().physicalFunction().isPresent()) {
                error(f, "names " + pf + " as its physical function, but that is itself a virtual function");
            }
        }
        if (f.sriov().isPresent() && f.sriov().get().numVfs() > f.sriov().get().totalVfs()) {
            error(f, "SR-IOV has " + f.sriov().get().numVfs() + " VFs enabled but only " + f.sriov().get().totalVfs() + " in total");
        }
    }

    private void checkBars(PciFunction f) {
        Set<Integer> used = new HashSet<>();
        for (Bar bar : f.bars()) {
            if (!used.add(bar.index())) error(f, "BAR " + bar.index() + " is listed twice");
            if (bar.is64Bit()) {
                if (bar.index() == 5) error(f, "BAR 5 cannot be 64-bit: it has no following register for the upper half");
                if (!used.add(bar.index() + 1)) {
                    error(f, "BAR " + bar.index() + " is 64-bit, so BAR " + (bar.index() + 1) + " is its upper half and cannot be a BAR of its own");
                }
            }
            if (bar.address().isPresent() && bar.size().isPresent()) {
                long size = bar.size().getAsLong();
                try {
                    bar.range();
                } catch (IllegalArgumentException e) {
                    error(f, "BAR " + bar.index() + ": " + e.getMessage());
                    continue;
                }
                if (Long.bitCount(size) == 1 && (bar.address().getAsLong() & (size - 1)) != 0) {
                    warning(f, "BAR " + bar.index() + " at " + Hex.addr(bar.address().getAsLong()) + " is not aligned to its size "
                            + ByteSize.format(size) + " (hardware always aligns BARs)");
                }
                if (!bar.is64Bit() && bar.isMemory() && Long.compareUnsigned(bar.range().get().end(), 0xFFFF_FFFFL) > 0) {
                    error(f, "BAR " + bar.index() + " is 32-bit but lies above 4 GiB");
                }
            }
        }
        if (f.bridge().isPresent() && f.bars().stream().anyMatch(b -> b.index() > 1)) {
            error(f, "a bridge has only BARs 0 and 1");
        }
    }

    private void checkBarOverlaps() {
        List<PciFunction> fs = t.functions();
        Map<PciFunction, List<AddressRange>> ranges = new HashMap<>();
        for (PciFunction f : fs) {
            List<AddressRange> rs = new ArrayList<>();
            for (Bar b : f.bars()) if (b.isMemory()) b.range().ifPresent(rs::add);
            ranges.put(f, rs);
        }
        List<Map.Entry<AddressRange, PciFunction>> seen = new ArrayList<>();
        for (PciFunction f : fs) {
            for (AddressRange r : ranges.get(f)) {
                for (Map.Entry<AddressRange, PciFunction> e : seen) {
                    if (e.getValue() != f && e.getKey().overlaps(r)) {
                        error(f, "BAR " + r + " overlaps a BAR of " + e.getValue().address());
                    }
                }
                seen.add(Map.entry(r, f));
            }
        }
    }

    /** Every known BAR and bridge window must lie inside a window of the bridge (or host bridge) above. */
    private void checkContainment(PciHierarchy h, PciFunction f) {
        PciBus bus = h.busOf(f);
        Optional<PciFunction> parent = bus.kind() == PciBus.Kind.VIRTUAL
                ? h.upstreamBridge(f) : bus.self();
        List<Placed> mine = new ArrayList<>();
        for (Bar b : f.bars()) {
            if (b.range().isPresent()) {
                mine.add(new Placed("BAR " + b.index(), b.range().get(), b.space() == Bar.Space.IO, b.prefetchable()));
            }
        }
        if (f.bridge().isPresent()) {
            Bridge br = f.bridge().get();
            br.io().flatMap(BridgeWindow::range).ifPresent(r -> mine.add(new Placed("I/O window", r, true, false)));
            br.memory().flatMap(BridgeWindow::range).ifPresent(r -> mine.add(new Placed("memory window", r, false, false)));
            br.prefetchable().flatMap(BridgeWindow::range).ifPresent(r -> mine.add(new Placed("prefetchable window", r, false, true)));
        }
        if (mine.isEmpty()) return;
        if (parent.isPresent() && parent.get().bridge().isPresent()) {
            Bridge pb = parent.get().bridge().get();
            for (Placed p : mine) {
                boolean inside;
                boolean known;
                if (p.io) {
                    known = pb.io().isPresent();
                    inside = pb.io().map(w -> w.contains(p.range)).orElse(false);
                } else {
                    known = pb.memory().isPresent() || pb.prefetchable().isPresent();
                    inside = pb.memory().map(w -> w.contains(p.range)).orElse(false)
                            || (p.prefetchable && pb.prefetchable().map(w -> w.contains(p.range)).orElse(false));
                }
                if (known && !inside) {
                    error(f, p.what + " " + p.range + " lies outside the " + (p.io ? "I/O" : p.prefetchable
                            ? "memory and prefetchable" : "(non-prefetchable) memory") + " windows of the bridge above, "
                            + parent.get().address());
                }
            }
        } else if (bus.isRoot() && bus.host().isPresent() && !bus.host().get().windows().isEmpty()) {
            HostBridge hb = bus.host().get();
            for (Placed p : mine) {
                boolean inside = hb.windows().stream().anyMatch(w -> (w.kind() == HostWindow.Kind.IO) == p.io
                        && w.cpuRange().contains(p.range));
                if (!inside) {
                    error(f, p.what + " " + p.range + " lies outside every " + (p.io ? "I/O" : "memory")
                            + " window of host bridge " + hb.id());
                }
            }
        }
    }

    private record Placed(String what, AddressRange range, boolean io, boolean prefetchable) {
    }

    private void checkP2pMemory(PciFunction f) {
        for (P2pMemory m : f.p2pMemory()) {
            Optional<Bar> bar = f.bar(m.bar());
            if (bar.isEmpty()) {
                error(f, "P2P memory names BAR " + m.bar() + ", which the device does not have");
            } else if (!bar.get().isMemory()) {
                error(f, "P2P memory names BAR " + m.bar() + ", an I/O BAR; only memory BARs can be P2P memory");
            } else if (bar.get().size().isPresent()
                    && Long.compareUnsigned(m.offset() + m.size(), bar.get().size().getAsLong()) > 0) {
                error(f, "P2P memory at offset " + Hex.addr(m.offset()) + " of size " + ByteSize.format(m.size())
                        + " runs past the end of BAR " + m.bar() + " (" + ByteSize.format(bar.get().size().getAsLong()) + ")");
            }
        }
    }

    private void checkHeaderAgainstPortType(PciFunction f) {
        if (f.portType().isPresent() && f.portType().get().isBridgePort() && f.bridge().isEmpty()
                && f.headerType().isPresent() && f.headerType().getAsInt() != 1) {
            warning(f, "is a " + f.portType().get().label() + " but has header type " + f.headerType().getAsInt()
                    + " rather than 1 (bridge)");
        }
        if (f.bridge().isPresent() && f.headerType().isPresent() && f.headerType().getAsInt() == 0) {
            error(f, "has bridge bus numbers but header type 0 (an endpoint has no secondary bus)");
        }
    }

    private void checkNumaNode(PciFunction f) {
        if (f.numaNode().isPresent() && !t.numaNodes().isEmpty()
                && t.numaNodes().stream().noneMatch(n -> n.id() == f.numaNode().getAsInt())) {
            warning(f, "is on NUMA node " + f.numaNode().getAsInt() + ", which the topology does not list");
        }
    }

    private void checkSlots() {
        Map<Bdf, List<PciFunction>> slots = new HashMap<>();
        for (PciFunction f : t.functions()) {
            if (f.isVirtualFunction()) continue;
            slots.computeIfAbsent(f.address().withFunction(0), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<Bdf, List<PciFunction>> e : slots.entrySet()) {
            List<PciFunction> fs = e.getValue();
            if (fs.size() < 2) continue;
            Optional<PciFunction> f0 = t.function(e.getKey());
            if (f0.isPresent() && f0.get().multifunction().isPresent() && !f0.get().multifunction().get()) {
                warning(f0.get(), "has other functions in its slot but its multifunction bit is clear; the kernel "
                        + "would not scan functions 1-7");
            }
        }
    }
}
