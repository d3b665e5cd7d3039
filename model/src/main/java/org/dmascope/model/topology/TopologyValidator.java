package org.dmascope.model.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Severity;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * Checks that a topology describes a machine that could exist: addresses are unique, bridge bus
 * ranges nest, BARs lie inside the windows of the bridges above them, VFs have PFs and sit at the
 * routing IDs SR-IOV gives them, ports hang below the kind of port they can hang below, memory does
 * not overlap. Every finding names the device (its subject is the device address, {@code
 * hostBridge:<id>}, {@code numaNode:<id>} or {@code platform}).
 *
 * <p>Errors are contradictions the engine cannot work with (two functions at one address, a bus below
 * itself); they stop a topology from loading. BARs and bridge windows outside the window above or
 * overlapping a sibling's are warnings: Linux boots with them and reassigns them (R-ADDR-1,
 * R-ADDR-2), and the address map ({@code org.dmascope.model.addresses}) shows them. R-ADDR-1 is the address
 * map's check, handed in as a {@link FunctionCheck}. Warnings are
 * things real hardware or the kernel would not produce but that leave every question answerable; the
 * topology loads and they are listed.
 */
public final class TopologyValidator {

    /**
     * Findings of one kind beyond this many are counted, not listed: a broken file must not print millions of lines.
     */
    public static final int PER_KIND = 50;
    private static final Pattern NUMBERS = Pattern.compile(
            "0x[0-9a-fA-F]+|[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]"
            + "|[0-9a-fA-F]{2}-[0-9a-fA-F]{2}|\\b\\d+\\b");

    private final Topology t;
    private final Runnable checkpoint;
    private final FunctionCheck more;
    private final List<Diagnostic> out = new ArrayList<>();
    /** Per kind of finding (its message with the numbers taken out): how many, and the first of them. */
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Diagnostic> firsts = new LinkedHashMap<>();
    /** What each host bridge's findings are about: its id, and which of the bridges with that id it is. */
    private final Map<HostBridge, String> hostSubjects = new IdentityHashMap<>();

    private TopologyValidator(Topology t, Runnable checkpoint, FunctionCheck more) {
        this.t = t;
        this.checkpoint = checkpoint;
        this.more = more;
        hostSubjects.putAll(HostBridgeSubject.of(t.hostBridges()));
    }

    /**
     * Warnings about one function that a check outside this package finds: "a BAR or window outside its bridge's
     * window" is R-ADDR-1 of the address map ({@code org.dmascope.model.addresses.TopologyChecks}, which the importers
     * call), written once there and listed here with the validator's other findings.
     */
    @FunctionalInterface
    public interface FunctionCheck {
        FunctionCheck NONE = (h, f) -> List.of();

        /** Sentences about {@code f}, each naming the range it concerns; the validator prefixes the device. */
        List<String> of(PciHierarchy h, PciFunction f);
    }

    /** The checks of this class alone (without R-ADDR-1; see {@link FunctionCheck}). */
    public static List<Diagnostic> validate(Topology topology) {
        return validate(topology, () -> {
        }, FunctionCheck.NONE);
    }

    /**
     * @param checkpoint run now and then while checking: it may throw to stop (a cancelled import)
     * @param more       warnings per function from checks written elsewhere, capped and summarised like these
     */
    public static List<Diagnostic> validate(Topology topology, Runnable checkpoint, FunctionCheck more) {
        TopologyValidator v = new TopologyValidator(topology, checkpoint, more);
        v.run();
        v.summariseRepeats();
        return List.copyOf(v.out);
    }

    private void error(PciFunction f, String message) {
        add(Severity.ERROR, message, () -> Diagnostic.error(name(f) + ": " + message).about(f.address().toString()));
    }

    private void warning(PciFunction f, String message) {
        add(Severity.WARNING, message, () -> Diagnostic.warning(name(f) + ": " + message)
                .about(f.address().toString()));
    }

    private void error(HostBridge hb, String message) {
        add(Severity.ERROR, message, () -> Diagnostic.error("host bridge " + hb.id() + ": " + message)
                .about(hostSubjects.get(hb)));
    }

    private void warning(HostBridge hb, String message) {
        add(Severity.WARNING, message, () -> Diagnostic.warning("host bridge " + hb.id() + ": " + message)
                .about(hostSubjects.get(hb)));
    }

    private void platformWarning(String message) {
        add(Severity.WARNING, message, () -> Diagnostic.warning("platform: " + message).about("platform"));
    }

    private void add(Diagnostic d) {
        add(d.severity(), d.message(), () -> d);
    }

    /**
     * Keeps the first {@link #PER_KIND} findings of a kind (the message without its numbers); the rest
     * are only counted, and not even built.
     */
    private void add(Severity severity, String message, Supplier<Diagnostic> finding) {
        add(kind(severity, message), finding);
    }

    private static String kind(Severity severity, String message) {
        return severity + ":" + NUMBERS.matcher(message).replaceAll("#");
    }

    /**
     * What kind of finding {@code d} is: its severity and its message with the numbers taken out (addresses, bus
     * numbers, ranges, counts), so one finding about a device that was renumbered is the same kind as before.
     */
    public static String kindOf(Diagnostic d) {
        return kind(d.severity(), d.message());
    }

    /** {@link #add(Severity, String, Supplier)} for a finding whose kind is known without its message. */
    private void add(String kind, Supplier<Diagnostic> finding) {
        int n = counts.merge(kind, 1, Integer::sum);
        if (n > PER_KIND) return;
        Diagnostic d = finding.get();
        firsts.putIfAbsent(kind, d);
        out.add(d);
    }

    private void summariseRepeats() {
        for (Map.Entry<String, Diagnostic> e : firsts.entrySet()) {
            int more = counts.get(e.getKey()) - PER_KIND;
            if (more <= 0) continue;
            Diagnostic first = e.getValue();
            String text = "… and " + String.format(Locale.ROOT, "%,d", more) + " more like it: " + first.message();
            Diagnostic summary = first.isError() ? Diagnostic.error(text) : Diagnostic.warning(text);
            out.add(first.subject().map(summary::about).orElse(summary));
        }
    }

    private static String name(PciFunction f) {
        return f.identity().deviceName().map(n -> f.address() + " (" + n + ")").orElse(f.address().toString());
    }

    private void run() {
        boolean uniqueAddresses = checkUniqueAddresses();
        boolean uniqueRootBuses = checkHostBridges();
        checkHostBridgeBusRanges();
        checkMemory();
        checkPlatform();
        // The bus tree and every check built on it assume one function per address and one host bridge per
        // root bus: with duplicates they would be meaningless (and on a large broken file, huge).
        if (!uniqueAddresses || !uniqueRootBuses) return;
        PciHierarchy h = t.hierarchy();
        checkBridgeBuses(h);
        for (PciFunction f : t.functions()) {
            checkpoint.run();
            checkBars(f);
            checkBusAddressWidths(h, f);
            checkBridgeWindowGranularity(f);
            checkPlacement(h, f);
            for (String w : more.of(h, f)) warning(f, w);
            checkVirtualFunction(f);
            checkVirtualFunctionAddress(f);
            checkP2pMemory(f);
            checkHeaderAgainstPortType(f);
            checkEndpointWithBridge(f);
            checkParentPortType(h, f);
            checkConventionalCapabilities(f);
            checkLinkAgainstCapability(f);
            checkLinkEnds(h, f);
            checkUntrusted(h, f);
            checkDmaMasks(f);
            checkNumaNode(f);
            checkNumaNodeAgainstHostBridge(h, f);
        }
        checkVirtualFunctionCounts();
        checkSlots();
        checkBarOverlaps();
        checkSiblingOverlaps(h);
    }

    private static String repeatedAddress(Bdf address) {
        return "the address " + address + " appears more than once";
    }

    private static final String REPEATED_ADDRESS = kind(Severity.ERROR, repeatedAddress(Bdf.of(0, 0, 0, 0)));

    /**
     * The subject of a finding about the {@code occurrence}th function (from 1) with {@code address}, in the
     * input's order: the address itself for the first, so a reader that records where each function is can
     * report a repeated address at the repeat, not at the first.
     */
    public record FunctionSubject(Bdf address, int occurrence) {
        @Override
        public String toString() {
            return occurrence == 1 ? address.toString() : address + "#" + occurrence;
        }

        /** The function a subject names, if it names one. */
        public static Optional<FunctionSubject> parse(String subject) {
            int hash = subject.indexOf('#');
            try {
                Bdf a = Bdf.parse(hash < 0 ? subject : subject.substring(0, hash));
                int n = hash < 0 ? 1 : Integer.parseInt(subject.substring(hash + 1));
                return Optional.of(new FunctionSubject(a, n));
            } catch (IllegalArgumentException notAFunction) {
                return Optional.empty();
            }
        }
    }

    /**
     * The subject of a finding about the {@code occurrence}th host bridge (from 1) with {@code id}, in the input's
     * order: {@code hostBridge:<id>} for the first, {@code hostBridge#<n>:<id>} for a repeat (the count before the
     * id, since an id may hold any character), so a reader that records where each bridge is can report a repeated
     * id at the repeat (as {@link FunctionSubject} does for addresses).
     */
    public record HostBridgeSubject(String id, int occurrence) {
        private static final String FIRST = "hostBridge:";
        private static final String REPEAT = "hostBridge#";

        @Override
        public String toString() {
            return occurrence == 1 ? FIRST + id : REPEAT + occurrence + ":" + id;
        }

        /** The subject of each of these bridges, in their order (which of the bridges with its id each is). */
        public static Map<HostBridge, String> of(List<HostBridge> bridges) {
            Map<HostBridge, String> subjects = new IdentityHashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            for (HostBridge hb : bridges) {
                subjects.put(hb, new HostBridgeSubject(hb.id(), seen.merge(hb.id(), 1, Integer::sum)).toString());
            }
            return subjects;
        }

        /** The host bridge a subject names, if it names one. */
        public static Optional<HostBridgeSubject> parse(String subject) {
            if (subject.startsWith(FIRST)) {
                return Optional.of(new HostBridgeSubject(subject.substring(FIRST.length()), 1));
            }
            if (!subject.startsWith(REPEAT)) return Optional.empty();
            int colon = subject.indexOf(':', REPEAT.length());
            if (colon < 0) return Optional.empty();
            try {
                int n = Integer.parseInt(subject.substring(REPEAT.length(), colon));
                return n < 1 ? Optional.empty() : Optional.of(new HostBridgeSubject(subject.substring(colon + 1), n));
            } catch (NumberFormatException notACount) {
                return Optional.empty();
            }
        }
    }

    /** @return true when every address is unique */
    private boolean checkUniqueAddresses() {
        Map<Bdf, Integer> seen = new HashMap<>();
        boolean unique = true;
        for (PciFunction f : t.functions()) {
            // functions are sorted by address, stably, so the repeats of an address follow in the input's order
            int n = seen.merge(f.address(), 1, Integer::sum);
            if (n > 1) {
                // A broken file may repeat tens of thousands of functions: their kind is known, and their
                // message is built only for the few listed.
                add(REPEATED_ADDRESS, () -> Diagnostic.error(name(f) + ": " + repeatedAddress(f.address()))
                        .about(new FunctionSubject(f.address(), n).toString()));
                unique = false;
            }
        }
        return unique;
    }

    /** @return true when no two host bridges share a root bus */
    private boolean checkHostBridges() {
        Set<String> ids = new HashSet<>();
        Set<Long> roots = new HashSet<>();
        boolean uniqueRoots = true;
        for (HostBridge hb : t.hostBridges()) {
            checkpoint.run();
            if (!ids.add(hb.id())) error(hb, "the id is used by another host bridge");
            if (!roots.add((long) hb.domain() << 8 | hb.rootBus())) {
                uniqueRoots = false;
                error(hb, String.format("root bus %04x:%02x belongs to another host bridge too", hb.domain(),
                        hb.rootBus()));
            }
            if (hb.busRange().isPresent() && !hb.busRange().get().contains(hb.rootBus())) {
                error(hb, String.format("root bus %02x is outside its bus range %s", hb.rootBus(),
                        hb.busRange().get()));
            }
            boolean rangesValid = true;
            for (DmaRange r : hb.dmaRanges()) {
                try {
                    r.cpuRange();
                    r.busRange();
                } catch (IllegalArgumentException e) {
                    error(hb, "DMA range: " + e.getMessage());
                    rangesValid = false;
                }
            }
            if (rangesValid) checkDmaRangeOverlaps(hb);
            checkWindowBusOverlaps(hb);
            if (hb.numaNode().isPresent() && !t.numaNodes().isEmpty()
                    && t.numaNodes().stream().noneMatch(n -> n.id() == hb.numaNode().getAsInt())) {
                warning(hb, "is on NUMA node " + hb.numaNode().getAsInt() + ", which the topology does not list");
            }
        }
        List<RangeSweep.Entry<HostBridge>> memory = new ArrayList<>();
        List<RangeSweep.Entry<HostBridge>> io = new ArrayList<>();
        for (HostBridge hb : t.hostBridges()) {
            for (HostWindow w : hb.windows()) {
                checkpoint.run();
                Optional<AddressRange> cpu = cpuRange(w);
                if (cpu.isEmpty()) {
                    error(hb, "a " + w.kind().jsonName() + " window at " + Hex.addr(w.cpuStart()) + " of size "
                            + ByteSize.format(w.size()) + " runs past the end of the address space");
                    continue;
                }
                // Each window is its own owner: two windows of one host bridge may not overlap either.
                (w.kind().isMemory() ? memory : io).add(new RangeSweep.Entry<>(cpu.get(), new Object(), hb));
            }
        }
        RangeSweep.Report<HostBridge> windowOverlap = (later, earlier) -> error(later.item(), "window " + later.range()
                + " overlaps window " + earlier.range() + " of host bridge " + earlier.item().id());
        RangeSweep.overlaps(memory, windowOverlap);
        RangeSweep.overlaps(io, windowOverlap);
        return uniqueRoots;
    }

    private void checkMemory() {
        Set<Integer> ids = new HashSet<>();
        List<RangeSweep.Entry<NumaNode>> ram = new ArrayList<>();
        for (NumaNode n : t.numaNodes()) {
            if (!ids.add(n.id())) {
                add(Diagnostic.error("NUMA node " + n.id() + " is listed twice").about("numaNode:" + n.id()));
            }
            for (AddressRange r : n.memory()) ram.add(new RangeSweep.Entry<>(r, new Object(), n));
        }
        RangeSweep.overlaps(ram, (later, earlier) -> add(Diagnostic.error("NUMA node " + later.item().id()
                + ": System RAM "
                + later.range() + " overlaps RAM " + earlier.range()).about("numaNode:" + later.item().id())));
        List<RangeSweep.Entry<NumaNode>> mmio = new ArrayList<>();
        Map<Object, HostBridge> windowOwner = new IdentityHashMap<>();
        for (HostBridge hb : t.hostBridges()) {
            for (HostWindow w : hb.windows()) {
                Optional<AddressRange> cpu = cpuRange(w);
                if (!w.kind().isMemory() || cpu.isEmpty()) continue;
                Object owner = new Object();
                windowOwner.put(owner, hb);
                mmio.add(new RangeSweep.Entry<>(cpu.get(), owner, null));
            }
        }
        RangeSweep.crossings(ram, mmio, (r, w) -> add(Diagnostic.error("NUMA node " + r.item().id() + ": System RAM "
                + r.range() + " overlaps MMIO window " + w.range() + " of host bridge " + windowOwner.get(w.owner())
                        .id())
                .about("numaNode:" + r.item().id())));
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
                error(f, String.format("secondary bus %02x is above its subordinate bus %02x", b.secondary(),
                        b.subordinate()));
                continue;
            }
            if (b.secondary() <= bus) {
                error(f, String.format("secondary bus %02x is not below the bridge's own bus %02x", b.secondary(),
                        bus));
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
                warning(f, String.format("secondary bus %02x is also the secondary bus of %s; the kernel keeps it "
                        + "behind "
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
                    warning(f, String.format("buses %02x-%02x are not within the range %02x-%02x of the bridge "
                            + "above, %s, "
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
                                a.secondary(), a.subordinate(), b.secondary(), b.subordinate(),
                                        bridges.get(j).address()));
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
            } else if (p.get().sriov().isEmpty() && p.get().acs().isPresent()) {
                // A PF whose extended capabilities the input does not show at all (acs unknown) may well have one.
                warning(f, "is a virtual function of " + pf + ", which shows no SR-IOV capability");
            } else if (p.get().physicalFunction().isPresent()) {
                error(f, "names " + pf + " as its physical function, but that is itself a virtual function");
            }
        }
        if (f.sriov().isPresent() && f.sriov().get().numVfs() > f.sriov().get().totalVfs()) {
            error(f, "SR-IOV has " + f.sriov().get().numVfs() + " VFs enabled but only " + f.sriov().get().totalVfs()
                    + " in total");
        }
    }

    private void checkBars(PciFunction f) {
        Set<Integer> used = new HashSet<>();
        for (Bar bar : f.bars()) {
            if (!used.add(bar.index())) error(f, "BAR " + bar.index() + " is listed twice");
            if (bar.is64Bit()) {
                if (bar.index() == 5) error(f,
                        "BAR 5 cannot be 64-bit: it has no following register for the upper half");
                if (!used.add(bar.index() + 1)) {
                    error(f, "BAR " + bar.index() + " is 64-bit, so BAR " + (bar.index() + 1)
                            + " is its upper half and cannot be a BAR of its own");
                }
            }
            if (bar.size().isPresent() && Long.bitCount(bar.size().getAsLong()) != 1) {
                warning(f, "BAR " + bar.index() + " has size " + ByteSize.format(bar.size().getAsLong())
                        + ", which is not a power of two (BAR sizes always are)");
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
                    warning(f, "BAR " + bar.index() + " at " + Hex.addr(bar.address().getAsLong())
                            + " is not aligned to its size "
                            + ByteSize.format(size) + " (hardware always aligns BARs)");
                }
            }
        }
        if (f.bridge().isPresent() && f.bars().stream().anyMatch(b -> b.index() > 1)) {
            error(f, "a bridge has only BARs 0 and 1");
        }
    }

    private void checkBarOverlaps() {
        List<RangeSweep.Entry<PciFunction>> bars = new ArrayList<>();
        for (PciFunction f : t.functions()) {
            for (Bar b : f.bars()) if (b.isMemory()) range(b).ifPresent(r -> bars.add(new RangeSweep.Entry<>(r, f, f)));
        }
        // Linux boots with it: the BAR claimed second is reassigned (R-ADDR-2); a warning, shown on the map.
        RangeSweep.overlaps(bars, (later, earlier) -> warning(later.item(), "BAR " + later.range()
                + " overlaps a BAR of " + earlier.item().address()));
    }

    /** An address range a function decodes: one of its BARs or one of its bridge windows. */
    private record Placed(String what, AddressRange range, boolean io, boolean prefetchable, boolean bar) {
    }

    private static List<Placed> placed(PciFunction f) {
        List<Placed> mine = new ArrayList<>();
        for (Bar b : f.bars()) {
            range(b).ifPresent(r -> mine.add(new Placed("BAR " + b.index(), r, b.space() == Bar.Space.IO,
                    b.prefetchable(), true)));
        }
        if (f.bridge().isPresent()) {
            Bridge br = f.bridge().get();
            br.io().flatMap(BridgeWindow::range).ifPresent(r -> mine.add(new Placed("I/O window", r, true, false,
                    false)));
            br.memory().flatMap(BridgeWindow::range).ifPresent(r -> mine.add(new Placed("memory window", r, false,
                    false, false)));
            br.prefetchable().flatMap(BridgeWindow::range)
                    .ifPresent(r -> mine.add(new Placed("prefetchable window", r, false, true, false)));
        }
        return mine;
    }

    private void checkP2pMemory(PciFunction f) {
        if (!f.p2pMemory().isEmpty() && f.bars().stream().noneMatch(Bar::isMemory)) {
            error(f, "has P2P memory but no memory BAR to provide it (pci_p2pdma_add_resource needs a memory BAR)");
            return;
        }
        for (P2pMemory m : f.p2pMemory()) {
            Optional<Bar> bar = f.bar(m.bar());
            if (bar.isEmpty()) {
                error(f, "P2P memory names BAR " + m.bar() + ", which the device does not have");
            } else if (!bar.get().isMemory()) {
                error(f, "P2P memory names BAR " + m.bar() + ", an I/O BAR; only memory BARs can be P2P memory");
            } else if (bar.get().size().isPresent()
                    && Long.compareUnsigned(m.offset() + m.size(), bar.get().size().getAsLong()) > 0) {
                error(f, "P2P memory at offset " + Hex.addr(m.offset()) + " of size " + ByteSize.format(m.size())
                        + " runs past the end of BAR " + m.bar() + " (" + ByteSize.format(bar.get().size().getAsLong())
                                + ")");
            }
        }
    }

    private void checkHeaderAgainstPortType(PciFunction f) {
        if (f.portType().isPresent() && f.portType().get().isBridgePort() && f.bridge().isEmpty()
                && f.headerType().isPresent() && f.headerType().getAsInt() != 1) {
            warning(f, "is " + aOrAn(f.portType().get()) + " but has header type " + f.headerType().getAsInt()
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

    // ---- host bridges and platform ------------------------------------------------------------

    /** Host bridges of one domain own disjoint bus numbers: a bus number names one bus. */
    private void checkHostBridgeBusRanges() {
        Map<Integer, List<RangeSweep.Entry<HostBridge>>> byDomain = new HashMap<>();
        for (HostBridge hb : t.hostBridges()) {
            HostBridge.BusRange r = hb.busRange().orElse(new HostBridge.BusRange(hb.rootBus(), hb.rootBus()));
            // Bridges on one root bus are reported by checkHostBridges; here only ranges that were stated count.
            Object owner = (long) hb.domain() << 8 | hb.rootBus();
            byDomain.computeIfAbsent(hb.domain(), d -> new ArrayList<>())
                    .add(new RangeSweep.Entry<>(new AddressRange(r.first(), r.last()), owner, hb));
        }
        for (List<RangeSweep.Entry<HostBridge>> hbs : byDomain.values()) {
            RangeSweep.overlaps(hbs, (later, earlier) -> {
                HostBridge a = later.item();
                HostBridge b = earlier.item();
                if (a.busRange().isEmpty() && b.busRange().isEmpty()) return;
                error(a, String.format("buses %s overlap buses %s of host bridge %s in domain %04x", busRange(a),
                        busRange(b),
                        b.id(), a.domain()));
            });
        }
    }

    private static HostBridge.BusRange busRange(HostBridge hb) {
        return hb.busRange().orElse(new HostBridge.BusRange(hb.rootBus(), hb.rootBus()));
    }

    /** Two windows whose bus sides overlap would make one bus address stand for two CPU addresses. */
    private void checkWindowBusOverlaps(HostBridge hb) {
        List<RangeSweep.Entry<HostWindow>> memory = new ArrayList<>();
        List<RangeSweep.Entry<HostWindow>> io = new ArrayList<>();
        for (HostWindow w : hb.windows()) {
            busRange(w).ifPresent(r -> (w.kind().isMemory() ? memory : io).add(new RangeSweep.Entry<>(r, new Object(),
                    w)));
        }
        RangeSweep.Report<HostWindow> report = (later, earlier) -> error(hb, "the bus addresses " + later.range()
                + " of window " + cpuRange(later.item()).map(Object::toString).orElse("?")
                        + " overlap the bus addresses "
                + earlier.range() + " of window " + cpuRange(earlier.item()).map(Object::toString).orElse("?")
                + "; one bus address would stand for two CPU addresses");
        RangeSweep.overlaps(memory, report);
        RangeSweep.overlaps(io, report);
    }

    /**
     * {@code phys_to_dma} takes the first range that matches, so overlapping DMA ranges make the answer depend on their
     * order.
     */
    private void checkDmaRangeOverlaps(HostBridge hb) {
        List<RangeSweep.Entry<DmaRange>> bus = new ArrayList<>();
        List<RangeSweep.Entry<DmaRange>> cpu = new ArrayList<>();
        for (DmaRange r : hb.dmaRanges()) {
            Object owner = new Object();
            bus.add(new RangeSweep.Entry<>(r.busRange(), owner, r));
            cpu.add(new RangeSweep.Entry<>(r.cpuRange(), owner, r));
        }
        RangeSweep.overlaps(bus, (later, earlier) -> error(hb, "DMA range with bus addresses " + later.range()
                + " overlaps the DMA range with bus addresses " + earlier.range()));
        RangeSweep.overlaps(cpu, (later, earlier) -> error(hb, "DMA range with CPU addresses " + later.range()
                + " overlaps the DMA range with CPU addresses " + earlier.range()));
    }

    private void checkPlatform() {
        Platform p = t.platform();
        Platform.Iommu iommu = p.iommu();
        iommu.driver().ifPresent(d -> checkIommuDriver(p, d));
        if (iommu.defaultDomain().isPresent() && iommu.defaultDomain().get() == Platform.DomainType.DMA_FQ
                && iommu.strict().orElse(false)) {
            platformWarning("the default domain type is DMA-FQ (lazy, with a flush queue) but strict is true; in "
                    + "strict "
                    + "mode DMA domains are of type DMA");
        }
        checkSwiotlbInRam(p.swiotlb());
    }

    private void checkIommuDriver(Platform p, Platform.IommuDriver d) {
        Platform.Iommu iommu = p.iommu();
        if (d != Platform.IommuDriver.AMD_VI && (iommu.amdEfr().isPresent() || iommu.amdSnp().isPresent())) {
            platformWarning("the AMD IOMMU's EFR or SNP state is given, but the IOMMU driver is " + d.jsonName()
                    + "; only the AMD driver reads them");
        }
        if (d == Platform.IommuDriver.NONE) {
            if (iommu.defaultDomain().isPresent() || iommu.pageTableFormat().isPresent()) {
                platformWarning("there is no IOMMU (driver \"none\") yet a default domain type or page-table format "
                        + "is given");
            }
            return;
        }
        Optional<Platform.Architecture> arch = p.architecture();
        boolean x86Driver = d == Platform.IommuDriver.INTEL_VTD || d == Platform.IommuDriver.AMD_VI;
        if (arch.isPresent() && x86Driver && !arch.get().isX86()) {
            platformWarning("the IOMMU driver " + d.jsonName() + " exists only on x86, but the architecture is "
                    + arch.get().jsonName());
        }
        if (arch.isPresent() && d == Platform.IommuDriver.ARM_SMMU_V3 && arch.get() != Platform.Architecture.ARM64
                && arch.get() != Platform.Architecture.ARM) {
            platformWarning("SMMUv3 is an Arm IOMMU, but the architecture is " + arch.get().jsonName());
        }
        Optional<Platform.CpuVendor> vendor = p.cpu().vendor();
        if (vendor.isPresent()) {
            boolean amdLike = vendor.get() == Platform.CpuVendor.AMD || vendor.get() == Platform.CpuVendor.HYGON;
            if (d == Platform.IommuDriver.INTEL_VTD && amdLike || d == Platform.IommuDriver.AMD_VI
                    && vendor.get() == Platform.CpuVendor.INTEL) {
                platformWarning("the IOMMU driver " + d.jsonName() + " does not match the CPU vendor " + vendor.get()
                        .jsonName());
            }
        }
        iommu.pageTableFormat().ifPresent(fmt -> {
            if (driverOf(fmt) != d) {
                platformWarning("the page-table format " + fmt.jsonName() + " belongs to the " + driverOf(fmt)
                        .jsonName()
                        + " driver, not to " + d.jsonName());
            }
        });
    }

    private static Platform.IommuDriver driverOf(Platform.PageTableFormat fmt) {
        return switch (fmt) {
            case VTD_FIRST_STAGE, VTD_SECOND_STAGE -> Platform.IommuDriver.INTEL_VTD;
            case AMD_V1, AMD_V2 -> Platform.IommuDriver.AMD_VI;
            case ARM_64_LPAE_S1, ARM_64_LPAE_S2 -> Platform.IommuDriver.ARM_SMMU_V3;
        };
    }

    /** The swiotlb pool is carved out of System RAM at boot. */
    private void checkSwiotlbInRam(Platform.Swiotlb s) {
        if (s.start().isEmpty() || s.size().isEmpty() || s.size().getAsLong() == 0) return;
        List<AddressRange> ram = new ArrayList<>();
        for (NumaNode n : t.numaNodes()) ram.addAll(n.memory());
        if (ram.isEmpty()) return;
        AddressRange pool;
        try {
            pool = AddressRange.ofSize(s.start().getAsLong(), s.size().getAsLong());
        } catch (IllegalArgumentException e) {
            platformWarning("swiotlb pool: " + e.getMessage());
            return;
        }
        if (ram.stream().noneMatch(r -> r.contains(pool))) {
            platformWarning("the swiotlb pool " + pool + " does not lie inside the System RAM of any NUMA node");
        }
    }

    // ---- addresses and windows ----------------------------------------------------------------

    /**
     * A 32-bit BAR and a bridge's non-prefetchable window hold 32-bit <em>bus</em> addresses. Where the
     * host bridge translates (a window whose bus side differs from its CPU side, common on arm64) the
     * bus address is checked, not the CPU address lspci prints.
     */
    private void checkBusAddressWidths(PciHierarchy h, PciFunction f) {
        Optional<HostBridge> hb = h.hostBridgeOf(f);
        for (Bar bar : f.bars()) {
            if (!bar.isMemory() || bar.is64Bit()) continue;
            Optional<AddressRange> cpu = range(bar);
            if (cpu.isEmpty()) continue;
            AddressRange bus = toBus(hb, cpu.get());
            if (Long.compareUnsigned(bus.end(), 0xFFFF_FFFFL) > 0) {
                error(f, "BAR " + bar.index() + " is 32-bit but lies above 4 GiB"
                        + (bus.equals(cpu.get()) ? "" : " (bus addresses " + bus + ")"));
            }
        }
        Optional<AddressRange> window = f.bridge().flatMap(Bridge::memory).flatMap(BridgeWindow::range);
        if (window.isPresent()) {
            AddressRange bus = toBus(hb, window.get());
            if (Long.compareUnsigned(bus.end(), 0xFFFF_FFFFL) > 0) {
                error(f, "the (non-prefetchable) memory window " + window.get() + " lies above 4 GiB"
                        + (bus.equals(window.get()) ? "" : " (bus addresses " + bus + ")")
                        + "; a bridge's memory base and limit registers hold 32-bit addresses only");
            }
        }
    }

    private static AddressRange toBus(Optional<HostBridge> hb, AddressRange cpu) {
        if (hb.isEmpty()) return cpu;
        for (HostWindow w : hb.get().windows()) {
            Optional<AddressRange> r = cpuRange(w);
            if (r.isPresent() && r.get().contains(cpu)) {
                return new AddressRange(cpu.start() - w.offset(), cpu.end() - w.offset());
            }
        }
        return cpu;
    }

    /** Bridges decode memory windows in 1 MiB units and I/O windows in at least 1 KiB units (base/limit registers). */
    private void checkBridgeWindowGranularity(PciFunction f) {
        if (f.bridge().isEmpty()) return;
        Bridge b = f.bridge().get();
        b.io().flatMap(BridgeWindow::range).ifPresent(r -> checkGranule(f, "I/O window", r, ByteSize.KiB));
        b.memory().flatMap(BridgeWindow::range).ifPresent(r -> checkGranule(f, "memory window", r, ByteSize.MiB));
        b.prefetchable().flatMap(BridgeWindow::range).ifPresent(r -> checkGranule(f, "prefetchable window", r,
                ByteSize.MiB));
    }

    private void checkGranule(PciFunction f, String what, AddressRange r, long granule) {
        if ((r.start() & (granule - 1)) != 0 || ((r.end() + 1) & (granule - 1)) != 0) {
            warning(f, "the " + what + " " + r + " does not start and end on " + ByteSize.format(granule)
                    + " boundaries, the unit a bridge decodes it in");
        }
    }

    /** Two devices on one bus must not claim the same addresses: a bridge window against a sibling's BAR or window. */
    private void checkSiblingOverlaps(PciHierarchy h) {
        for (PciBus bus : h.buses()) {
            checkpoint.run();
            for (boolean io : new boolean[] {false, true}) {
                List<RangeSweep.Entry<Placed>> windows = new ArrayList<>();
                List<RangeSweep.Entry<Placed>> bars = new ArrayList<>();
                for (PciFunction f : bus.devices()) {
                    for (Placed p : placed(f)) {
                        if (p.io != io) continue;
                        (p.bar ? bars : windows).add(new RangeSweep.Entry<>(p.range, f, p));
                    }
                }
                // BAR against BAR is reported machine-wide by checkBarOverlaps.
                RangeSweep.overlaps(windows, (a, b) -> siblingOverlap(a, b));
                RangeSweep.crossings(bars, windows, (a, b) -> siblingOverlap(a, b));
            }
        }
    }

    private void siblingOverlap(RangeSweep.Entry<Placed> a, RangeSweep.Entry<Placed> b) {
        PciFunction fa = (PciFunction) a.owner();
        PciFunction fb = (PciFunction) b.owner();
        // Linux claims the first and reassigns the other (R-ADDR-2): a warning, shown on the address map.
        warning(fa, a.item().what + " " + a.range() + " overlaps the " + b.item().what + " " + b.range() + " of "
                + fb.address() + " on the same bus; both would claim those addresses");
    }

    // ---- ports, links, SR-IOV ------------------------------------------------------------------

    private void checkEndpointWithBridge(PciFunction f) {
        if (f.bridge().isEmpty() || f.portType().isEmpty()) return;
        PortType p = f.portType().get();
        if (p.isBridgePort() || p == PortType.CONVENTIONAL_PCI) return;
        // Header type 0 with bus numbers is already an error (checkHeaderAgainstPortType).
        if (f.headerType().isPresent() && f.headerType().getAsInt() == 0) return;
        warning(f, "is " + aOrAn(p) + " but has bridge bus numbers; the kernel goes by the header type and would "
                + "scan its secondary bus like a bridge's");
    }

    /**
     * A PCIe link joins a downstream-facing port (root port, switch downstream port, PCI-to-PCIe bridge)
     * to an upstream-facing one (switch upstream port, endpoint, PCIe-to-PCI bridge); switch downstream
     * ports sit on the internal bus below their upstream port; root-complex devices sit on a root bus.
     * The kernel corrects the two mislabellings it can recognise ({@code set_pcie_port_type}).
     */
    private void checkParentPortType(PciHierarchy h, PciFunction f) {
        if (f.portType().isEmpty() || f.isVirtualFunction()) return;
        PortType type = f.portType().get();
        PciBus bus = h.busOf(f);
        if (bus.kind() == PciBus.Kind.ORPHAN) return;
        Optional<PciFunction> parent = bus.self();
        if (parent.isEmpty()) {
            if (bus.kind() == PciBus.Kind.ROOT && (type == PortType.SWITCH_UPSTREAM
                    || type == PortType.SWITCH_DOWNSTREAM)) {
                warning(f, String.format("is %s but sits on root bus %02x; switch ports sit below a root port",
                        aOrAn(type), bus.number()));
            }
            return;
        }
        if (parent.get().portType().isEmpty()) return;
        PortType up = parent.get().portType().get();
        boolean upFacesDown = up == PortType.ROOT_PORT || up == PortType.SWITCH_DOWNSTREAM
                || up == PortType.PCI_TO_PCIE_BRIDGE;
        String below = " below " + name(parent.get()) + ", " + aOrAn(up);
        switch (type) {
            case SWITCH_DOWNSTREAM -> {
                if (up != PortType.SWITCH_UPSTREAM) {
                    warning(f, "is a Switch Downstream Port" + below
                            + "; downstream ports sit on a switch's internal bus, "
                            + "below its upstream port" + (upFacesDown
                            ? " (the kernel takes it for an upstream port, set_pcie_port_type)" : ""));
                }
            }
            case SWITCH_UPSTREAM -> {
                if (!upFacesDown) {
                    warning(f, "is a Switch Upstream Port" + below
                            + "; an upstream port is the far end of a link from a "
                            + "root port or downstream port" + (up == PortType.SWITCH_UPSTREAM
                            ? " (the kernel takes it for a downstream port, set_pcie_port_type)" : ""));
                }
            }
            case ROOT_PORT, RC_INTEGRATED_ENDPOINT, RC_EVENT_COLLECTOR ->
                    warning(f, "is " + aOrAn(type) + below + "; it belongs on a root bus");
            case ENDPOINT, LEGACY_ENDPOINT, PCIE_TO_PCI_BRIDGE -> {
                if (up == PortType.SWITCH_UPSTREAM) {
                    warning(f, "is " + aOrAn(type) + below + "; only downstream ports sit on a switch's internal bus");
                } else if (up == PortType.PCIE_TO_PCI_BRIDGE) {
                    warning(f, "is a PCI Express " + type.label() + below
                            + ", whose secondary bus is conventional PCI");
                }
            }
            default -> {
            }
        }
    }

    /** Links and ACS live in the PCI Express capability and extended config space, which conventional PCI lacks. */
    private void checkConventionalCapabilities(PciFunction f) {
        if (f.portType().isEmpty() || f.portType().get() != PortType.CONVENTIONAL_PCI) return;
        if (f.link().isPresent() && (f.link().get().capability().isPresent() || f.link().get().status().isPresent())) {
            warning(f, "is conventional PCI but has a PCI Express link");
        }
        if (f.acs().isPresent() && f.acs().get().present()) {
            warning(f, "is conventional PCI but has an ACS capability, which lives in PCI Express extended config "
                    + "space");
        }
    }

    private void checkLinkAgainstCapability(PciFunction f) {
        if (f.link().isEmpty() || f.link().get().capability().isEmpty() || f.link().get().status().isEmpty()) return;
        LinkState cap = f.link().get().capability().get();
        LinkState sta = f.link().get().status().get();
        if (sta.width() > cap.width()) {
            warning(f, "the link trained to " + sta + ", wider than the x" + cap.width() + " it is capable of (" + cap
                    + ")");
        }
        if (sta.speed() != LinkSpeed.UNKNOWN && cap.speed() != LinkSpeed.UNKNOWN && sta.speed().ordinal() > cap.speed()
                .ordinal()) {
            warning(f, "the link trained to " + sta + ", faster than the " + cap.speed().text() + " it is capable of ("
                    + cap + ")");
        }
    }

    /** Both ends of one link train to the same speed and width, so a device and the port above must agree. */
    private void checkLinkEnds(PciHierarchy h, PciFunction f) {
        if (f.isVirtualFunction()) return;
        Optional<LinkState> mine = f.link().flatMap(Link::status);
        Optional<PciFunction> up = h.parentBridge(f);
        if (mine.isEmpty() || up.isEmpty() || up.get().portType().isEmpty()) return;
        PortType type = up.get().portType().get();
        if (type != PortType.ROOT_PORT && type != PortType.SWITCH_DOWNSTREAM
                && type != PortType.PCI_TO_PCIE_BRIDGE) return;
        Optional<LinkState> theirs = up.get().link().flatMap(Link::status);
        if (theirs.isPresent() && !theirs.get().equals(mine.get())) {
            warning(f, "its link trained to " + mine.get() + " but the port above, " + name(up.get()) + ", reports "
                    + theirs.get() + "; both ends of one link train to the same speed and width");
        }
    }

    /**
     * The kernel marks a device untrusted when the bridge above is external-facing or untrusted
     * ({@code set_pcie_untrusted}); firmware marks only root ports external-facing
     * ({@code pci_acpi_set_external_facing}, ACPI "ExternalFacingPort").
     */
    private void checkUntrusted(PciHierarchy h, PciFunction f) {
        if (f.externalFacing().orElse(false) && f.portType().isPresent() && f.portType().get() != PortType.ROOT_PORT) {
            warning(f, "is marked external-facing, but firmware marks only root ports so (ACPI ExternalFacingPort)");
        }
        if (f.untrusted().isEmpty()) return;
        Optional<PciFunction> port = externalFacingAbove(h, f);
        if (f.untrusted().get() && port.isEmpty()) {
            warning(f, "is marked untrusted, but no port above it is external-facing; the kernel marks only devices "
                    + "below an external-facing port untrusted");
        } else if (!f.untrusted().get() && port.isPresent()) {
            warning(f, "sits below the external-facing port " + name(port.get())
                    + ", so the kernel marks it untrusted, "
                    + "but the file says untrusted false");
        }
    }

    private static Optional<PciFunction> externalFacingAbove(PciHierarchy h, PciFunction f) {
        PciFunction cur = f;
        for (int guard = 0; guard < 512; guard++) {
            Optional<PciFunction> up = h.upstreamBridge(cur);
            if (up.isEmpty() || up.get() == cur) return Optional.empty();
            if (up.get().externalFacing().orElse(false)) return up;
            cur = up.get();
        }
        return Optional.empty();
    }

    /**
     * VF n (1-based) of a PF has routing ID PF RID + First VF Offset + (n - 1) * VF Stride, in the PF's
     * domain ({@code pci_iov_virtfn_bus}, {@code pci_iov_virtfn_devfn}).
     */
    private void checkVirtualFunctionAddress(PciFunction f) {
        if (!f.isVirtualFunction()) return;
        Optional<PciFunction> pf = t.function(f.physicalFunction().get());
        if (pf.isEmpty() || pf.get().sriov().isEmpty() || pf.get().isVirtualFunction()) return;
        Sriov s = pf.get().sriov().get();
        Bdf pfAddress = pf.get().address();
        if (f.address().domain() != pfAddress.domain()) {
            warning(f, "is a virtual function of " + pfAddress
                    + " but sits in another PCI domain; VFs share their PF's domain");
            return;
        }
        int count = Math.max(1, s.numVfs() > 0 ? s.numVfs() : s.totalVfs());
        long offset = (long) f.address().requesterId() - pfAddress.requesterId() - s.vfOffset();
        boolean fits = s.vfStride() == 0 ? offset == 0
                : offset >= 0 && offset % s.vfStride() == 0 && offset / s.vfStride() < count;
        if (!fits) {
            warning(f, String.format("is not at a routing ID SR-IOV gives a VF of %s: with First VF Offset %d and VF "
                    + "Stride %d its VFs sit at %s", pfAddress, s.vfOffset(), s.vfStride(), vfAddresses(pfAddress, s,
                            count)));
        }
    }

    private static String vfAddresses(Bdf pf, Sriov s, int count) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(count, 3);
        for (int n = 1; n <= shown; n++) {
            int rid = s.vfRequesterId(pf, n);
            if (rid > 0xFFFF) break;
            if (sb.length() > 0) sb.append(", ");
            sb.append(Bdf.ofDevfn(pf.domain(), rid >> 8, rid & 0xFF));
        }
        if (count > shown) sb.append(", … (").append(count).append(" VFs)");
        return sb.length() == 0 ? "routing IDs beyond ffff" : sb.toString();
    }

    private void checkVirtualFunctionCounts() {
        Map<Bdf, Integer> listed = new HashMap<>();
        for (PciFunction f : t.functions()) {
            f.physicalFunction().ifPresent(pf -> listed.merge(pf, 1, Integer::sum));
        }
        for (Map.Entry<Bdf, Integer> e : listed.entrySet()) {
            Optional<PciFunction> pf = t.function(e.getKey());
            if (pf.isEmpty() || pf.get().sriov().isEmpty()) continue;
            int enabled = pf.get().sriov().get().numVfs();
            if (e.getValue() > enabled) {
                warning(pf.get(), "has " + e.getValue() + " virtual functions in the topology but only " + enabled
                        + " enabled (NumVFs)");
            }
        }
    }

    /** The kernel's segment boundary and minimum alignment masks are of the form 2^n - 1. */
    private void checkDmaMasks(PciFunction f) {
        f.dma().segmentBoundaryMask().ifPresent(m -> {
            if (!isLowBitMask(m)) warning(f, "the DMA segment boundary mask " + Hex.addr(m)
                    + " is not of the form 2^n - 1");
        });
        f.dma().minAlignMask().ifPresent(m -> {
            if (!isLowBitMask(m)) warning(f, "the DMA minimum alignment mask " + Hex.addr(m)
                    + " is not of the form 2^n - 1");
        });
    }

    private static boolean isLowBitMask(long m) {
        return (m & (m + 1)) == 0;
    }

    /**
     * A PCI device takes the NUMA node of its host bridge (ACPI _PXM of the root bridge) unless firmware says
     * otherwise.
     */
    private void checkNumaNodeAgainstHostBridge(PciHierarchy h, PciFunction f) {
        if (f.numaNode().isEmpty()) return;
        Optional<HostBridge> hb = h.hostBridgeOf(f);
        if (hb.isEmpty() || hb.get().numaNode().isEmpty() || hb.get().numaNode().getAsInt() == f.numaNode()
                .getAsInt()) return;
        warning(f, "reports NUMA node " + f.numaNode().getAsInt() + " but its host bridge " + hb.get().id()
                + " is on node "
                + hb.get().numaNode().getAsInt() + "; PCI devices take the node of their host bridge");
    }

    private static String aOrAn(PortType type) {
        return ("AEIOU".indexOf(type.label().charAt(0)) >= 0 ? "an " : "a ") + type.label();
    }

    // ---- ranges that may be malformed in a topology built in code --------------------------------

    private static Optional<AddressRange> range(Bar b) {
        try {
            return b.range();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<AddressRange> cpuRange(HostWindow w) {
        try {
            return Optional.of(w.cpuRange());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<AddressRange> busRange(HostWindow w) {
        try {
            return Optional.of(w.busRange());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
