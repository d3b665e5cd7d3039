package org.dmascope.views.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.topology.Bar;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.DeviceKind;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.views.topology.DeviceText;
import org.dmascope.views.topology.TopologyItem;

/**
 * Where a buffer can come from: the RAM of a NUMA node, P2P memory a device's driver registered, or a BAR that
 * vfio-pci can export as a dma-buf.
 */
public sealed interface BufferSource permits BufferSource.Ram, BufferSource.P2pMem, BufferSource.DmaBufBar {

    /** The node id of the chip, usable in CSS and {@code lookup("#…")}. */
    String id();

    /** A short name for the chip: {@code RAM · node 0}. */
    String title();

    /** One line about where the memory is, for the chip's tooltip. */
    String detail();

    /** Where the memory is drawn on the canvas. */
    TopologyItem item();

    /** Bytes there are. */
    long capacity();

    default boolean isHost() {
        return this instanceof Ram;
    }

    /**
     * The RAM of a NUMA node.
     *
     * @param assumed the input describes no RAM: this is the assumed layout (Platform &amp; Kernel ▸ ram)
     */
    record Ram(int node, long bytes, boolean assumed) implements BufferSource {
        Ram(int node, long bytes) {
            this(node, bytes, false);
        }

        @Override
        public String id() {
            return "buffer-chip-ram-node" + node;
        }

        @Override
        public String title() {
            return "RAM · node " + node + (assumed ? " (assumed)" : "");
        }

        @Override
        public String detail() {
            return (assumed ? "Assumed System RAM of NUMA node " : "System RAM of NUMA node ") + node + " ("
                    + ByteSize.format(bytes) + "): pinned user pages" + (assumed ? ". The input describes no RAM; "
                    + "the size per node is set in Tools ▸ Platform & Kernel (RAM per NUMA node)" : "");
        }

        @Override
        public TopologyItem item() {
            return TopologyItem.numa(node);
        }

        @Override
        public long capacity() {
            return bytes;
        }
    }

    /**
     * P2P memory of a BAR ({@code pci_p2pdma_add_resource}), e.g. an NVMe controller memory buffer.
     *
     * @param deviceName the provider's short name
     */
    record P2pMem(Bdf provider, String deviceName, P2pMemory memory) implements BufferSource {
        @Override
        public String id() {
            return "buffer-chip-p2p-" + TopologyItem.sanitise(provider.toString()) + "-bar" + memory.bar();
        }

        @Override
        public String title() {
            return "P2P · " + provider.shortText() + " BAR " + memory.bar() + (memory.candidate() ? " (if registered)"
                    : "");
        }

        @Override
        public String detail() {
            return ByteSize.format(memory.size()) + " of P2P memory in BAR " + memory.bar() + " of " + deviceName + " ("
                    + provider
                    + ")" + (memory.candidate() ? ", if a driver registered it: the input cannot show whether one did"
                    : memory.published() ? ", published for any driver" : ", kept by its own driver");
        }

        @Override
        public TopologyItem item() {
            return TopologyItem.device(provider);
        }

        @Override
        public long capacity() {
            return memory.size();
        }
    }

    /**
     * A memory BAR of a GPU, an accelerator or a device bound to vfio-pci, offered as a dma-buf that vfio-pci
     * exports ({@code VFIO_DEVICE_FEATURE_DMA_BUF}, v6.19): the importer is the device it is dropped on.
     *
     * @param deviceName the exporter's short name
     */
    record DmaBufBar(Bdf exporter, String deviceName, int bar, long barSize) implements BufferSource {
        @Override
        public String id() {
            return "buffer-chip-dmabuf-" + TopologyItem.sanitise(exporter.toString()) + "-bar" + bar;
        }

        @Override
        public String title() {
            return "dma-buf · " + exporter.shortText() + " BAR " + bar;
        }

        @Override
        public String detail() {
            return "BAR " + bar + " of " + deviceName + " (" + exporter + ", " + ByteSize.format(barSize)
                    + ") exported by vfio-pci as a dma-buf; the device it is dropped on imports it (RDMA NIC, "
                    + "NVMe through io_uring, or iommufd for a VM)";
        }

        @Override
        public TopologyItem item() {
            return TopologyItem.device(exporter);
        }

        @Override
        public long capacity() {
            return barSize;
        }
    }

    /** Every source of a topology: the RAM of each NUMA node, then each P2P memory region in address order. */
    static List<BufferSource> of(Topology t) {
        return of(t, false);
    }

    /**
     * Every source of the machine the kernel runs on ({@code TopologyRules.machine()}).
     *
     * @param ramAssumed its RAM is the assumed layout, not what the input describes
     */
    static List<BufferSource> of(Topology t, boolean ramAssumed) {
        List<BufferSource> out = new ArrayList<>();
        if (t == null) return out;
        for (NumaNode n : t.numaNodes()) {
            long bytes = n.memory().stream().mapToLong(r -> r.size()).sum();
            if (bytes > 0) out.add(new Ram(n.id(), bytes, ramAssumed));
        }
        for (PciFunction f : t.functions()) {
            for (P2pMemory m : f.p2pMemory()) out.add(new P2pMem(f.address(), DeviceText.shortName(f), m));
        }
        for (PciFunction f : t.functions()) dmaBufBar(f).ifPresent(out::add);
        return out;
    }

    /**
     * The BAR a GPU, an accelerator or a vfio-pci device would export: its largest prefetchable memory BAR of at
     * least 1 MiB with a known address (where VRAM or device memory sits).
     */
    private static Optional<BufferSource> dmaBufBar(PciFunction f) {
        boolean exporter = f.kind() == DeviceKind.GPU || f.kind() == DeviceKind.ACCELERATOR
                || f.driver().map(d -> d.equals("vfio-pci")).orElse(false);
        if (!exporter) return Optional.empty();
        Bar best = null;
        for (Bar b : f.bars()) {
            if (!b.isMemory() || !b.prefetchable() || b.range().isEmpty()) continue;
            long size = b.range().get().size();
            if (size < (1 << 20)) continue;
            if (best == null || size > best.range().get().size()) best = b;
        }
        if (best == null) return Optional.empty();
        return Optional.of(new DmaBufBar(f.address(), DeviceText.shortName(f), best.index(),
                best.range().get().size()));
    }

    /** The source a spec-like key names, for tests and preferences: {@code ram:0}, {@code p2p:0000:05:00.0:2}. */
    static String key(BufferSource s) {
        if (s instanceof Ram r) return "ram:" + r.node();
        if (s instanceof DmaBufBar d) return ("dmabuf:" + d.exporter() + ":" + d.bar()).toLowerCase(Locale.ROOT);
        P2pMem p = (P2pMem) s;
        return ("p2p:" + p.provider() + ":" + p.memory().bar()).toLowerCase(Locale.ROOT);
    }
}
