package org.dmascope.model.addresses;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.RangeSweep;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * What the kernel finds wrong with the BARs and bridge windows firmware left behind, while it claims and
 * sizes them at boot (docs/kernel-rules-extra.md, R-ADDR-1 to R-ADDR-5), and a resizable BAR left smaller than it
 * can be (R-ADDR-6). Linux boots with every one of
 * these: it logs the problem and moves or leaves unassigned what it cannot claim. Read in v6.12
 * (drivers/pci/setup-res.c, setup-bus.c, probe.c, pci.c); the log wording is the v6.8+ one
 * ({@code "BAR 0 [mem …]: can't claim; no compatible bridge window"}).
 *
 * <p>Each check is linear or a sort and one sweep: containment and "too small" look only at a function's
 * parent, overlaps sort the ranges of each bus once. A range keeps a few problems of each kind and counts the
 * rest, so a broken file with a million overlaps stays small.
 */
@KernelRule({"R-ADDR-1", "R-ADDR-2", "R-ADDR-3", "R-ADDR-4", "R-ADDR-5", "R-ADDR-6"})
final class AddressChecks {
    private static final long FOUR_GIB = 1L << 32;

    private final PciHierarchy h;
    private final Map<PciFunction, List<Decoded>> decoded;

    AddressChecks(PciHierarchy h, Map<PciFunction, List<Decoded>> decoded) {
        this.h = h;
        this.decoded = decoded;
    }

    void run() {
        Map<PciFunction, Need> needs = new HashMap<>();
        for (Map.Entry<PciFunction, List<Decoded>> e : decoded.entrySet()) {
            PciFunction f = e.getKey();
            Optional<PciFunction> parent = parentBridge(f);
            for (Decoded d : e.getValue()) {
                if (d.placed()) {
                    misaligned(d);
                    outsideWindow(h, f, parent, d).ifPresent(why -> d.range().add(new Problem(
                            ProblemKind.OUTSIDE_WINDOW, why)));
                    below4G(f, parent, d);
                    notLargest(parent, d);
                }
                if (parent.isPresent() && parent.get().bridge().isPresent() && d.size().isPresent()) {
                    needs.computeIfAbsent(parent.get(), p -> new Need()).add(parent.get().bridge().get(), d);
                }
            }
        }
        needs.forEach(this::tooSmall);
        overlaps();
    }

    /** The bridge whose windows a function's ranges must lie in: the bridge above its bus (the PF's, for a VF). */
    private Optional<PciFunction> parentBridge(PciFunction f) {
        return parentBridge(h, f);
    }

    private static Optional<PciFunction> parentBridge(PciHierarchy h, PciFunction f) {
        PciBus bus = h.busOf(f);
        return bus.kind() == PciBus.Kind.VIRTUAL ? h.upstreamBridge(f) : bus.self();
    }

    // ---- R-ADDR-1 ------------------------------------------------------------------------------

    /**
     * R-ADDR-1 for the topology validator ({@link TopologyChecks}): why each of {@code f}'s placed BARs and windows
     * lies outside the windows of the bridge above, in the words the address map uses.
     */
    static List<String> outsideWindows(PciHierarchy h, PciFunction f) {
        List<Decoded> mine = AddressMapBuilder.decode(f, new ArrayList<>());
        if (mine.isEmpty()) return List.of();
        Optional<PciFunction> parent = parentBridge(h, f);
        List<String> out = new ArrayList<>();
        for (Decoded d : mine) if (d.placed()) outsideWindow(h, f, parent, d).ifPresent(out::add);
        return out;
    }

    /**
     * R-ADDR-1 {@code pci_claim_resource} (setup-res.c) asks {@code pci_find_parent_resource} (pci.c) for the
     * window of the bus above that contains the range; a prefetchable window never takes a non-prefetchable
     * range ("the allocator made a mistake"). With none, the kernel logs "can't claim; no compatible bridge
     * window", marks the range unset and assigns it anew later ({@code pci_assign_unassigned_resources}).
     */
    private static Optional<String> outsideWindow(PciHierarchy h, PciFunction f, Optional<PciFunction> parent,
                                                  Decoded d) {
        AddressRange r = d.range().range();
        String log = "Linux logs \"" + d.what() + " " + kernelText(d) + ": can't claim; no compatible bridge "
                + "window\" and assigns it a new address where it can (pci_claim_resource, setup-res.c; "
                + "pci_find_parent_resource, pci.c)";
        if (parent.isPresent() && parent.get().bridge().isPresent()) {
            Bridge pb = parent.get().bridge().get();
            Optional<AddressRange> io = pb.io().flatMap(BridgeWindow::range);
            Optional<AddressRange> mem = pb.memory().flatMap(BridgeWindow::range);
            Optional<AddressRange> pref = pb.prefetchable().flatMap(BridgeWindow::range);
            boolean known = d.io() ? pb.io().isPresent() : pb.memory().isPresent() || pb.prefetchable().isPresent();
            if (!known) return Optional.empty();
            boolean inside = d.io() ? io.map(w -> w.contains(r)).orElse(false)
                    : mem.map(w -> w.contains(r)).orElse(false)
                            || d.prefetchable() && pref.map(w -> w.contains(r)).orElse(false);
            if (inside) return Optional.empty();
            String windows = d.io() ? "I/O window " + io.map(Object::toString).orElse("(disabled)")
                    : "memory window " + mem.map(Object::toString).orElse("(disabled)")
                            + (d.prefetchable() ? " and prefetchable window " + pref.map(Object::toString)
                                    .orElse("(disabled)") : "");
            String why = !d.io() && !d.prefetchable() && pref.map(w -> w.contains(r)).orElse(false)
                    ? " (it lies in the prefetchable window, which never takes a non-prefetchable range)" : "";
            return Optional.of(d.what() + " " + r + " lies outside the " + windows + " of the bridge above, "
                    + parent.get().address() + why + "; " + log);
        }
        PciBus bus = h.busOf(f);
        if (!bus.isRoot() || bus.host().isEmpty() || bus.host().get().windows().isEmpty()) return Optional.empty();
        HostBridge hb = bus.host().get();
        for (HostWindow w : hb.windows()) {
            if ((w.kind() == HostWindow.Kind.IO) != d.io()) continue;
            Optional<AddressRange> cpu = cpuRange(w);
            if (cpu.isPresent() && cpu.get().contains(r)) return Optional.empty();
        }
        return Optional.of(d.what() + " " + r + " lies outside every " + (d.io() ? "I/O" : "memory")
                + " window of host bridge " + hb.id() + "; " + log);
    }

    // ---- R-ADDR-2 ------------------------------------------------------------------------------

    /**
     * R-ADDR-2 {@code request_resource_conflict} in {@code pci_claim_resource} (setup-res.c): two ranges
     * claimed from one parent window must not overlap; the second one claimed logs "can't claim; address
     * conflict with …" and is reassigned. The ranges of each bus (BARs and bridge windows of the devices on it,
     * and the VFs of their PFs) are sorted and swept once, memory and I/O apart.
     */
    private void overlaps() {
        Map<Object, List<Decoded>> byParent = new HashMap<>();
        for (Map.Entry<PciFunction, List<Decoded>> e : decoded.entrySet()) {
            Object key = parentBridge(e.getKey()).<Object>map(p -> p)
                    .orElseGet(() -> h.rootBusOf(e.getKey()));
            for (Decoded d : e.getValue()) if (d.placed()) byParent.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        for (List<Decoded> siblings : byParent.values()) {
            for (boolean io : new boolean[] {false, true}) {
                List<Decoded> space = siblings.stream().filter(d -> d.io() == io).toList();
                if (space.size() > 1) sweep(space);
            }
        }
    }

    /** The validator's sweep ({@link RangeSweep}): a function's own ranges never conflict with each other. */
    private static void sweep(List<Decoded> ranges) {
        List<RangeSweep.Entry<Decoded>> entries = new ArrayList<>(ranges.size());
        for (Decoded d : ranges) entries.add(new RangeSweep.Entry<>(d.range().range(), d.function(), d));
        RangeSweep.overlaps(entries, (later, earlier) -> conflict(later.item(), earlier.item()));
    }

    private static void conflict(Decoded later, Decoded earlier) {
        String log = "; Linux claims the one it meets first and logs \"can't claim; address conflict\" for the "
                + "other, then assigns that one anew (pci_claim_resource, setup-res.c)";
        later.range().add(new Problem(ProblemKind.OVERLAP, later.what() + " " + later.range().range()
                + " overlaps the " + earlier.what() + " " + earlier.range().range() + " of "
                + earlier.function().address() + log));
        earlier.range().add(new Problem(ProblemKind.OVERLAP, earlier.what() + " " + earlier.range().range()
                + " is overlapped by the " + later.what() + " " + later.range().range() + " of "
                + later.function().address() + log));
    }

    // ---- R-ADDR-3 ------------------------------------------------------------------------------

    /**
     * R-ADDR-3 A BAR's address bits below its size are read-only zero (the size is found from the writable
     * bits, {@code __pci_read_base}, probe.c), and a bridge's memory base and limit registers hold bits 31:20
     * only, I/O ones bits 15:12 ({@code pci_read_bridge_mmio}, {@code pci_read_bridge_io}, probe.c): hardware
     * cannot hold a misaligned value, so the export or an edit is wrong.
     */
    private static void misaligned(Decoded d) {
        AddressRange r = d.range().range();
        if (d.bar()) {
            long size = d.size().orElse(0);
            if (Long.bitCount(size) != 1 || (r.start() & (size - 1)) == 0) return;
            d.range().add(new Problem(ProblemKind.MISALIGNED, d.what() + " at " + Hex.addr(r.start())
                    + " is not aligned to its size " + ByteSize.format(size) + "; the address bits below a BAR's "
                    + "size are read-only zero, so hardware cannot hold it (__pci_read_base, probe.c)"));
            return;
        }
        long granule = d.io() ? ByteSize.KiB : ByteSize.MiB;
        if ((r.start() & (granule - 1)) == 0 && ((r.end() + 1) & (granule - 1)) == 0) return;
        d.range().add(new Problem(ProblemKind.MISALIGNED, "the " + d.what() + " " + r + " does not start and end on "
                + ByteSize.format(granule) + " boundaries; a bridge's base and limit registers hold no lower bits ("
                + (d.io() ? "pci_read_bridge_io" : "pci_read_bridge_mmio") + ", probe.c)"));
    }

    // ---- R-ADDR-4 ------------------------------------------------------------------------------

    /**
     * R-ADDR-4 A 64-bit prefetchable BAR goes below 4 GiB when nothing above can take it: the host bridge
     * has no window above 4 GiB (firmware's "Above 4G Decoding" is off), or the bridge above has no
     * prefetchable window, so {@code __pci_bus_size_bridges} / {@code pbus_size_mem} (setup-bus.c) size it
     * into the 32-bit non-prefetchable window. Large BARs then often get "can't assign; no space".
     */
    private void below4G(PciFunction f, Optional<PciFunction> parent, Decoded d) {
        if (!d.bar() || d.io() || !d.is64Bit() || !d.prefetchable()) return;
        AddressRange r = d.range().range();
        if (Long.compareUnsigned(r.end(), FOUR_GIB) >= 0) return;
        Optional<HostBridge> hb = h.hostBridgeOf(f);
        boolean hostHasHigh = hb.map(b -> b.windows().stream().anyMatch(w -> w.kind().isMemory()
                && cpuRange(w).map(c -> Long.compareUnsigned(c.end(), FOUR_GIB) >= 0).orElse(false))).orElse(true);
        if (hb.isPresent() && !hb.get().windows().isEmpty() && !hostHasHigh) {
            d.range().add(new Problem(ProblemKind.BELOW_4G, d.what() + " is 64-bit but lies below 4 GiB because "
                    + "host bridge " + hb.get().id() + " has no memory window above 4 GiB (firmware's Above 4G "
                    + "Decoding is off); every BAR must then fit below 4 GiB, and one that does not is left "
                    + "unassigned: \"can't assign; no space\" (pbus_size_mem, setup-bus.c; pci_assign_resource, "
                    + "setup-res.c)"));
            return;
        }
        if (parent.isEmpty() || parent.get().bridge().isEmpty()) return;
        Bridge pb = parent.get().bridge().get();
        if (pb.prefetchable().isPresent() && !pb.prefetchable().get().enabled() && pb.memory().isPresent()
                && pb.memory().get().enabled()) {
            d.range().add(new Problem(ProblemKind.BELOW_4G, d.what() + " is 64-bit prefetchable but the bridge "
                    + "above, " + parent.get().address() + ", has no prefetchable window, so the kernel sizes it into "
                    + "the bridge's 32-bit memory window, below 4 GiB (__pci_bus_size_bridges, pbus_size_mem, "
                    + "setup-bus.c)"));
        }
    }

    // ---- R-ADDR-5 ------------------------------------------------------------------------------

    /** What the ranges below one bridge need of each of its windows. */
    private static final class Need {
        final long[] bytes = new long[3];
        final int[] count = new int[3];
        final List<Decoded> unassigned = new ArrayList<>();

        void add(Bridge b, Decoded d) {
            int w = windowIndex(b, d);
            long size = d.size().getAsLong();
            bytes[w] = bytes[w] + size < bytes[w] ? Long.MAX_VALUE : bytes[w] + size;
            count[w]++;
            if (!d.placed()) unassigned.add(d);
        }
    }

    /**
     * R-ADDR-5 {@code pbus_size_mem} / {@code pbus_size_io} (setup-bus.c) size a bridge window to hold every
     * BAR and window below it; a window firmware made smaller cannot take them all, and
     * {@code pci_assign_resource} (setup-res.c) logs "can't assign; no space" for what does not fit. Checked
     * as the sum of the sizes (a lower bound of what the kernel needs, alignment comes on top).
     */
    private void tooSmall(PciFunction bridge, Need need) {
        Bridge b = bridge.bridge().get();
        List<Optional<BridgeWindow>> windows = List.of(b.io(), b.memory(), b.prefetchable());
        String[] names = {"I/O window", "memory window", "prefetchable window"};
        List<Decoded> mine = decoded.getOrDefault(bridge, List.of());
        for (int i = 0; i < 3; i++) {
            if (need.count[i] == 0 || windows.get(i).isEmpty()) continue;
            Optional<AddressRange> w = windows.get(i).get().range();
            long have = w.map(AddressRange::size).orElse(0L);
            if (have != 0 && Long.compareUnsigned(need.bytes[i], have) <= 0) continue;
            final int k = i;
            String missing = need.unassigned.stream().filter(d -> windowIndex(b, d) == k).findFirst()
                    .map(d -> "; " + d.function().address() + " " + d.what() + " (" + ByteSize.human(d.size()
                            .getAsLong()) + ") has no address: Linux logs \"" + d.what() + " ["
                            + (d.io() ? "io" : "mem") + " size " + Hex.addr(d.size().getAsLong())
                            + "]: can't assign; no space\"")
                    .orElse("");
            String text = "the " + names[i] + " " + w.map(Object::toString).orElse("(disabled)") + " of "
                    + bridge.address() + " is " + (have == 0 ? "disabled" : ByteSize.human(have)) + " but the "
                    + need.count[i] + " range(s) below it need at least " + ByteSize.human(need.bytes[i])
                    + missing + " (pbus_size_mem, setup-bus.c; pci_assign_resource, setup-res.c)";
            Optional<Decoded> target = mine.stream().filter(d -> !d.bar() && d.placed() && d.what().equals(names[k]))
                    .findFirst();
            if (target.isPresent()) {
                target.get().range().add(new Problem(ProblemKind.WINDOW_TOO_SMALL, text));
            } else {
                // A disabled window has no range on the map: the problem goes on the unassigned BAR's neighbours'
                // bridge, the first placed range of the bridge, so it is still shown and listed.
                mine.stream().filter(Decoded::placed).findFirst()
                        .ifPresent(d -> d.range().add(new Problem(ProblemKind.WINDOW_TOO_SMALL, text)));
            }
        }
    }

    private static int windowIndex(Bridge b, Decoded d) {
        return d.io() ? 0 : d.prefetchable() && b.prefetchable().map(BridgeWindow::enabled).orElse(false) ? 2 : 1;
    }

    // ---- R-ADDR-6 ------------------------------------------------------------------------------

    /**
     * R-ADDR-6 A BAR whose Resizable BAR capability supports a larger size than the current one. The PCI core
     * never resizes a BAR by itself: a driver asks for a size ({@code pci_resize_resource}, typically the largest,
     * {@code pci_rebar_get_max_size}; amdgpu, i915 and xe do at probe), and the kernel refuses while memory decoding
     * is on or the host bridge keeps firmware's assignment ({@code preserve_config}), and fails with "no space" when
     * the bridge windows above cannot grow. Until then the CPU reaches the device memory through the current size.
     * drivers/pci/rebar.c ({@code pci_rebar_get_possible_sizes}, {@code pci_resize_resource}; moved there from pci.c
     * and setup-res.c by commit 9f71938cd77f, v6.19; in the kernel since v4.15).
     */
    private void notLargest(Optional<PciFunction> parent, Decoded d) {
        if (!d.bar() || d.resizable().isEmpty() || d.size().isEmpty()) return;
        long current = d.size().getAsLong();
        long largest = d.resizable().get(d.resizable().size() - 1);
        if (Long.compareUnsigned(current, largest) >= 0) return;
        String supported = d.resizable().stream().map(ByteSize::human).reduce((a, b) -> a + ", " + b).orElse("");
        String room = "";
        if (parent.isPresent() && parent.get().bridge().isPresent()) {
            Bridge pb = parent.get().bridge().get();
            boolean pref = d.prefetchable() && pb.prefetchable().map(BridgeWindow::enabled).orElse(false);
            String name = pref ? "prefetchable window" : "memory window";
            Optional<AddressRange> w = (pref ? pb.prefetchable() : pb.memory()).flatMap(BridgeWindow::range);
            if (w.isPresent()) {
                room = "; the " + name + " of the bridge above, " + parent.get().address() + ", is "
                        + ByteSize.human(w.get().size()) + (Long.compareUnsigned(w.get().size(), largest) < 0
                                ? ", so the windows up to the host bridge must grow for it"
                                : ", room enough for the largest size alone");
            }
        }
        d.range().add(new Problem(ProblemKind.REBAR_NOT_LARGEST, d.what() + " is " + ByteSize.human(current)
                + " but its Resizable BAR capability supports up to " + ByteSize.human(largest) + " (" + supported
                + ")" + room + ". Linux resizes a BAR only when its driver asks (pci_resize_resource, as amdgpu, i915 "
                + "and xe do at probe), refused while memory decoding is on or the host bridge keeps firmware's "
                + "assignment, \"no space\" when the windows above cannot grow (pci_rebar_get_possible_sizes, "
                + "pci_resize_resource, drivers/pci/rebar.c)"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String kernelText(Decoded d) {
        AddressRange r = d.range().range();
        return "[" + (d.io() ? "io  " : "mem ") + Hex.addr(r.start()) + "-" + Hex.addr(r.end())
                + (d.is64Bit() ? " 64bit" : "") + (d.prefetchable() ? " pref" : "") + "]";
    }

    static Optional<AddressRange> cpuRange(HostWindow w) {
        try {
            return Optional.of(w.cpuRange());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
