package org.dmascope.model.mapping;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The buffer a device will DMA to or from: host memory on a NUMA node, P2P memory in a BAR, a BAR that
 * vfio-pci exports as a dma-buf, or an explicit scatterlist whose entries name their own memory (host RAM,
 * P2P memory, or both).
 */
public sealed interface BufferSpec permits BufferSpec.Host, BufferSpec.Bar, BufferSpec.DmaBuf, BufferSpec.Sg {

    long size();

    DmaDirection direction();

    /** The spec text that parses back to this buffer. */
    String spec();

    /** The device whose BAR holds the memory (P2P provider or dma-buf exporter); empty for host memory. */
    default Optional<Bdf> device() {
        if (this instanceof Bar b) return Optional.of(b.provider());
        if (this instanceof DmaBuf d) return Optional.of(d.exporter());
        if (this instanceof Sg s) return s.entries().stream().map(SgEntry::place)
                .filter(p -> p instanceof SgEntry.InBar).map(p -> ((SgEntry.InBar) p).provider()).findFirst();
        return Optional.empty();
    }

    /**
     * Host memory ({@code pin_user_pages} of a user buffer, or kernel pages) on {@code node}.
     *
     * @param offset bytes into the first placement unit (page or huge page) where the buffer starts
     */
    record Host(int node, long size, long offset, PageLayout layout, DmaDirection direction) implements BufferSpec {
        public Host {
            if (size <= 0) throw new IllegalArgumentException("a buffer needs a size of at least one byte");
            if (offset < 0 || offset >= layout.unit()) {
                throw new IllegalArgumentException("offset must be below the layout's page size "
                        + ByteSize.format(layout.unit()));
            }
        }

        @Override
        public String spec() {
            StringBuilder sb = new StringBuilder("host:node").append(node).append(':').append(ByteSize.format(size))
                    .append(':')
                    .append(layout.spec());
            if (offset != 0) sb.append(":offset=").append(Hex.addr(offset));
            if (direction != DmaDirection.BIDIRECTIONAL) sb.append(":direction=").append(direction.spec());
            return sb.toString();
        }
    }

    /**
     * P2P memory of {@code provider}'s BAR ({@code pci_alloc_p2pmem}), {@code offset} bytes into the BAR.
     */
    record Bar(Bdf provider, int bar, long offset, long size, DmaDirection direction) implements BufferSpec {
        public Bar {
            if (size <= 0) throw new IllegalArgumentException("a buffer needs a size of at least one byte");
            if (offset < 0) throw new IllegalArgumentException("the BAR offset must not be negative");
        }

        @Override
        public String spec() {
            StringBuilder sb = new StringBuilder("bar:").append(provider).append(':').append(bar).append(':')
                    .append(ByteSize.format(size));
            if (offset != 0) sb.append(":offset=").append(Hex.addr(offset));
            if (direction != DmaDirection.BIDIRECTIONAL) sb.append(":direction=").append(direction.spec());
            return sb.toString();
        }
    }

    /**
     * A range of {@code exporter}'s BAR that vfio-pci exports as a dma-buf ({@code VFIO_DEVICE_FEATURE_DMA_BUF},
     * v6.19), attached by the device the buffer is dropped on. No {@code pci_p2pdma_add_resource} is needed: the
     * exporter names a {@code p2pdma_provider} without struct pages.
     *
     * @param importer how the device attaches; empty: chosen by its class ({@link DmaBufImporter#forDevice})
     * @param revoked  the exporter has revoked the buffer (device reset, memory disabled, D3) before the attach
     */
    record DmaBuf(Bdf exporter, int bar, long offset, long size, Optional<DmaBufImporter> importer, boolean revoked,
                  DmaDirection direction) implements BufferSpec {
        public DmaBuf {
            if (size <= 0) throw new IllegalArgumentException("a buffer needs a size of at least one byte");
            if (offset < 0) throw new IllegalArgumentException("the BAR offset must not be negative");
            if (bar < 0 || bar > 5) throw new IllegalArgumentException("BAR " + bar + " does not exist (0-5)");
        }

        @Override
        public String spec() {
            StringBuilder sb = new StringBuilder("dmabuf:").append(exporter).append(":bar").append(bar).append(':')
                    .append(ByteSize.format(size));
            if (offset != 0) sb.append(":offset=").append(Hex.addr(offset));
            importer.ifPresent(i -> sb.append(":importer=").append(i.spec()));
            if (revoked) sb.append(":revoked");
            if (direction != DmaDirection.BIDIRECTIONAL) sb.append(":direction=").append(direction.spec());
            return sb.toString();
        }
    }

    /**
     * An explicit scatterlist: the entries a driver built itself (network fragments, a kernel buffer with a short
     * header in the middle, host RAM beside a peer's BAR), in list order. Unlike {@link Host} the entries need
     * not be whole pages: each starts where it says and is as long as it says, and the mapping code sees exactly
     * these entries ({@code sg_set_page(sg, page, length, offset)} per entry).
     *
     * @param seed where on its node the host entries are placed (as {@link PageLayout}'s seed)
     */
    record Sg(List<SgEntry> entries, long seed, DmaDirection direction) implements BufferSpec {
        public Sg {
            entries = List.copyOf(entries);
            if (entries.isEmpty()) throw new IllegalArgumentException("a scatterlist needs at least one entry");
        }

        @Override
        public long size() {
            long s = 0;
            for (SgEntry e : entries) s += e.length();
            return s;
        }

        /** Whether the list mixes host RAM and P2P memory. */
        public boolean mixed() {
            boolean p2p = entries.stream().anyMatch(e -> e.place() instanceof SgEntry.InBar);
            boolean host = entries.stream().anyMatch(e -> !(e.place() instanceof SgEntry.InBar));
            return p2p && host;
        }

        @Override
        public String spec() {
            StringBuilder sb = new StringBuilder("sg:");
            for (int i = 0; i < entries.size(); i++) sb.append(i == 0 ? "" : ",").append(entries.get(i).spec());
            if (seed != PageLayout.DEFAULT_SEED) sb.append(":seed=").append(seed);
            if (direction != DmaDirection.BIDIRECTIONAL) sb.append(":direction=").append(direction.spec());
            return sb.toString();
        }
    }

    /**
     * One entry of an {@link Sg} list: {@code length} bytes starting {@code offset} bytes into its first page.
     *
     * @param place where the entry's memory is
     */
    record SgEntry(long length, long offset, Place place) {
        /** The largest entry: {@code struct scatterlist}'s length is an unsigned int. */
        public static final long MAX_LENGTH = 0xFFFF_FFFFL;

        public SgEntry {
            if (length <= 0) throw new IllegalArgumentException("a scatterlist entry needs at least one byte");
            if (length > MAX_LENGTH) throw new IllegalArgumentException("a scatterlist entry holds at most "
                    + Hex.addr(MAX_LENGTH) + " bytes (its length is an unsigned int)");
            if (offset < 0 || offset >= 4096) throw new IllegalArgumentException("an entry's offset must be inside "
                    + "its first 4 KiB page");
            if (place instanceof At a && (a.phys() & 0xFFF) != offset) {
                throw new IllegalArgumentException("the offset of an entry at " + Hex.addr(a.phys())
                        + " is its address's low 12 bits");
            }
        }

        /** 4 KiB pages the entry touches. */
        public long pages() {
            return (offset + length + 4095) / 4096;
        }

        String spec() {
            StringBuilder sb = new StringBuilder(ByteSize.format(length));
            if (offset != 0 && !(place instanceof At)) sb.append('+').append(Hex.addr(offset));
            if (!(place instanceof OnNode n && n.node() == 0)) sb.append('@').append(place.spec());
            return sb.toString();
        }

        /** Where an entry's memory is. */
        public sealed interface Place permits OnNode, At, InBar {
            String spec();
        }

        /** Host RAM on a NUMA node, placed by the pin step. */
        public record OnNode(int node) implements Place {
            @Override
            public String spec() {
                return "node" + node;
            }
        }

        /** Host RAM at a given physical address (the entry's first byte). */
        public record At(long phys) implements Place {
            @Override
            public String spec() {
                return Hex.addr(phys);
            }
        }

        /** P2P memory of a provider's BAR ({@code pci_alloc_p2pmem}). */
        public record InBar(Bdf provider, int bar) implements Place {
            public InBar {
                if (bar < 0 || bar > 5) throw new IllegalArgumentException("BAR " + bar + " does not exist (0-5)");
            }

            @Override
            public String spec() {
                return provider + "/bar" + bar;
            }
        }
    }
}
