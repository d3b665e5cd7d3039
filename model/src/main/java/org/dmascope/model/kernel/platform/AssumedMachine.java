package org.dmascope.model.kernel.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.BridgeWindow;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.HostWindow;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;

/**
 * What every mapping needs and an export never shows, assumed and stated as assumed: System RAM on each
 * NUMA node (lspci describes no memory), and the P2P memory a driver could register on devices that can
 * provide it. {@link #of} gives the machine the kernel rules and the mapping engine run on: the topology
 * itself when it describes its RAM, else the topology with the assumed RAM added.
 */
public final class AssumedMachine {
    /** RAM per NUMA node when the input gives none: a modest server or workstation node. */
    public static final long DEFAULT_RAM_PER_NODE = 16 * ByteSize.GiB;
    /** Where low RAM ends on x86: the 32-bit MMIO hole (PCI BARs, APICs, firmware) takes 2–4 GiB. */
    static final long LOW_RAM_END = 2 * ByteSize.GiB;
    static final long FOUR_GIB = 4 * ByteSize.GiB;
    /** The smallest prefetchable BAR of a GPU or accelerator offered as P2P memory. */
    static final long GPU_BAR_MIN = 64 * ByteSize.MiB;
    /** The smallest extra BAR of an NVMe controller offered as a controller memory buffer. */
    static final long CMB_MIN = ByteSize.MiB;
    /** Nodes filled in below the highest one named; beyond that only the named ones (a hostile id stays cheap). */
    static final int MAX_ASSUMED_NODES = 64;
    /** A gap between MMIO ranges smaller than this gets no RAM: no RAM map is cut into crumbs. */
    static final long MIN_PIECE = 2 * ByteSize.MiB;

    /** P2P memory a driver could register on a device, and why the device qualifies. */
    public record Candidate(Bdf device, P2pMemory memory, String why) {
        /** {@code 04:00.0 BAR 2 (16 MiB)}. */
        public String words() {
            return device.shortText() + " BAR " + memory.bar() + " (" + ByteSize.human(memory.size()) + ")";
        }
    }

    private AssumedMachine() {
    }

    /** True when the topology says where its System RAM is. */
    public static boolean describesRam(Topology t) {
        return t.numaNodes().stream().anyMatch(n -> !n.memory().isEmpty());
    }

    /** True when a driver registered P2P memory somewhere in the topology. */
    public static boolean describesP2pMemory(Topology t) {
        return t.functions().stream().anyMatch(f -> !f.p2pMemory().isEmpty());
    }

    /**
     * The NUMA node ids RAM is assumed on: 0 up to the highest node the topology names (Linux numbers the
     * nodes of the firmware's proximity domains from 0, so an export showing only node 1's devices still
     * comes from a machine with a node 0), or node 0 alone of a machine without NUMA.
     */
    public static List<Integer> nodes(Topology t) {
        int max = t.numaNodes().stream().mapToInt(NumaNode::id).max().orElse(0);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i <= Math.min(max, MAX_ASSUMED_NODES - 1); i++) ids.add(i);
        for (NumaNode n : t.numaNodes()) if (!ids.contains(n.id())) ids.add(n.id());
        return ids;
    }

    /**
     * The assumed RAM of each node, {@code perNode} bytes each, in CPU physical addresses that no BAR, bridge
     * window or host window of the topology uses. On x86, node 0 gets the legacy layout: 0–640 KiB, 1 MiB up to
     * the 32-bit MMIO hole at 2 GiB, and the rest above 4 GiB; further nodes follow above it. Elsewhere RAM
     * starts at 2 GiB (where many arm64 platforms put DRAM) and nodes follow one another.
     */
    public static Map<Integer, List<AddressRange>> layout(Topology t, long perNode, boolean x86) {
        List<AddressRange> mmio = mmio(t);
        Map<Integer, List<AddressRange>> out = new TreeMap<>();
        long cursor = x86 ? FOUR_GIB : LOW_RAM_END;
        int next = 0;
        boolean first = true;
        for (int id : nodes(t)) {
            List<AddressRange> ranges = new ArrayList<>();
            long left = perNode;
            if (first && x86) {
                for (AddressRange low : List.of(new AddressRange(0, 0x9FFFF), new AddressRange(0x100000,
                        LOW_RAM_END - 1))) {
                    AddressRange r = clip(low, mmio);
                    if (r == null || left <= 0) continue;
                    if (r.size() > left) r = AddressRange.ofSize(r.start(), left);
                    ranges.add(r);
                    left -= r.size();
                }
            }
            first = false;
            while (left > 0 && cursor >= 0) {
                // ranges are sorted by start: pass those below the cursor, jump over one that holds it
                while (next < mmio.size() && mmio.get(next).end() < cursor) next++;
                if (next < mmio.size() && mmio.get(next).start() <= cursor) {
                    cursor = mmio.get(next).end() + 1;
                    next++;
                    continue;
                }
                long end = next < mmio.size() ? mmio.get(next).start() : Long.MAX_VALUE;
                if (end - cursor < MIN_PIECE && end != Long.MAX_VALUE) {
                    cursor = end;
                    continue;
                }
                long size = Math.min(left, end - cursor);
                ranges.add(AddressRange.ofSize(cursor, size));
                left -= size;
                cursor += size;
            }
            out.put(id, ranges);
        }
        return out;
    }

    /**
     * Devices that can provide P2P memory, offered as P2P memory "if a driver registered it": an NVMe
     * controller's extra memory BAR (where a controller memory buffer lives; the nvme driver registers it with
     * {@code pci_p2pdma_add_resource()} and publishes it), and a large 64-bit prefetchable BAR of a GPU or
     * accelerator (what out-of-tree drivers register). Only BARs whose address and size the export shows.
     */
    public static List<Candidate> p2pCandidates(Topology t) {
        List<Candidate> out = new ArrayList<>();
        for (PciFunction f : t.functions()) {
            int cls = f.identity().classAndSubclass().orElse(-1);
            int base = cls >> 8;
            boolean nvme = cls == 0x0108;
            boolean gpu = base == 0x03 || base == 0x12 || cls == 0x0b40;
            if (!nvme && !gpu) continue;
            for (Bar b : f.bars()) {
                if (!b.isMemory() || b.range().isEmpty()) continue;
                long size = b.size().getAsLong();
                if (nvme && b.index() != 0 && size >= CMB_MIN) {
                    out.add(new Candidate(f.address(), new P2pMemory(b.index(), 0, size, true, true),
                            "an NVMe controller's memory BAR beside its registers: where a controller memory "
                                    + "buffer lives, which the nvme driver registers and publishes if there is one"));
                    break;
                }
                if (gpu && b.prefetchable() && b.is64Bit() && size >= GPU_BAR_MIN) {
                    out.add(new Candidate(f.address(), new P2pMemory(b.index(), 0, size, false, true),
                            "a " + ByteSize.human(size) + " 64-bit prefetchable BAR of a "
                                    + (base == 0x03 ? "GPU" : "processing accelerator")
                                    + ", which a driver may register as P2P memory (as out-of-tree GPU drivers do)"));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The machine the kernel runs on: the topology, with the assumed RAM when it describes none and the
     * candidate P2P memory when no driver registered any, as the assumptions say.
     */
    public static Topology of(Topology t, PlatformAssumptions a) {
        Topology m = t;
        if (!describesRam(t)) {
            Map<Integer, List<AddressRange>> ram = layout(t, a.ramPerNode(), a.isX86());
            List<NumaNode> nodes = new ArrayList<>();
            for (Map.Entry<Integer, List<AddressRange>> e : ram.entrySet()) {
                NumaNode old = t.numaNodes().stream().filter(n -> n.id() == e.getKey()).findFirst()
                        .orElse(new NumaNode(e.getKey(), OptionalInt.empty(), Optional.empty(), List.of()));
                nodes.add(new NumaNode(old.id(), old.socket(), old.cpus(), e.getValue()));
            }
            m = m.withNumaNodes(nodes);
        }
        if (!a.p2pCandidates().isEmpty()) {
            Map<Bdf, Candidate> byDevice = new TreeMap<>();
            for (Candidate c : a.p2pCandidates()) byDevice.put(c.device(), c);
            List<PciFunction> functions = new ArrayList<>();
            for (PciFunction f : m.functions()) {
                Candidate c = byDevice.get(f.address());
                functions.add(c == null ? f : f.toBuilder().p2pMemory(List.of(c.memory())).build());
            }
            m = m.withFunctions(functions);
        }
        return m;
    }

    /** {@code 16 GiB per node on 2 nodes}. */
    static String words(long perNode, int nodes) {
        return ByteSize.human(perNode) + " per node on " + nodes + (nodes == 1 ? " node" : " nodes");
    }

    /** Every MMIO range the topology shows, sorted by start. */
    private static List<AddressRange> mmio(Topology t) {
        List<AddressRange> out = new ArrayList<>();
        for (HostBridge hb : t.hostBridges()) for (HostWindow w : hb.windows()) out.add(w.cpuRange());
        for (PciFunction f : t.functions()) {
            for (Bar b : f.bars()) b.range().ifPresent(out::add);
            f.bridge().ifPresent(br -> {
                br.memory().flatMap(BridgeWindow::range).ifPresent(out::add);
                br.prefetchable().flatMap(BridgeWindow::range).ifPresent(out::add);
            });
        }
        // what lies at or above 2^63 is out of the assumed RAM's reach; what reaches there ends it
        List<AddressRange> kept = new ArrayList<>();
        for (AddressRange r : out) {
            if (r.start() < 0) continue;
            kept.add(r.end() < 0 ? new AddressRange(r.start(), Long.MAX_VALUE) : r);
        }
        kept.sort((x, y) -> Long.compare(x.start(), y.start()));
        return kept;
    }

    /** The part of {@code r} below the first MMIO range inside it, or null when none is left. */
    private static AddressRange clip(AddressRange r, List<AddressRange> mmio) {
        long end = r.end();
        for (AddressRange m : mmio) {
            if (!m.overlaps(r)) continue;
            if (Long.compareUnsigned(m.start(), r.start()) <= 0) return null;
            end = Math.min(end, m.start() - 1);
        }
        return new AddressRange(r.start(), end);
    }

}
