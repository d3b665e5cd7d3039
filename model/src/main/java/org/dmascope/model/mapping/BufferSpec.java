package org.dmascope.model.mapping;

import java.util.Optional;

import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The buffer a device will DMA to or from: host memory on a NUMA node, P2P memory in a BAR, or a BAR that
 * vfio-pci exports as a dma-buf.
 */
public sealed interface BufferSpec permits BufferSpec.Host, BufferSpec.Bar, BufferSpec.DmaBuf {

    long size();

    DmaDirection direction();

    /** The spec text that parses back to this buffer. */
    String spec();

    /** The device whose BAR holds the memory (P2P provider or dma-buf exporter); empty for host memory. */
    default Optional<Bdf> device() {
        if (this instanceof Bar b) return Optional.of(b.provider());
        if (this instanceof DmaBuf d) return Optional.of(d.exporter());
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
}
