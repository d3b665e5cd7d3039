package org.dmascope.model.mapping;

import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.kernel.profile.KernelFeature;
import org.dmascope.model.topology.DeviceKind;
import org.dmascope.model.topology.PciFunction;

/**
 * Who attaches to a dma-buf and how it gets its DMA addresses. Each importer reaches the exporter's
 * address list differently and reacts to a revoke ({@code move_notify}) differently.
 */
public enum DmaBufImporter {
    /**
     * An RDMA NIC registering a dynamic dma-buf MR: {@code ib_umem_dmabuf_get()} attaches with
     * {@code allow_peer2peer} and a {@code move_notify} (mlx5: {@code mlx5_ib_dmabuf_invalidate_cb}), maps with
     * {@code dma_buf_map_attachment()} (drivers/infiniband/core/umem_dmabuf.c).
     */
    RDMA("rdma", "RDMA NIC (ib_umem_dmabuf_get, dynamic MR)", null),
    /**
     * An RDMA NIC without ODP, {@code ib_umem_dmabuf_get_pinned()}: it cannot invalidate, so vfio refuses to be
     * pinned (61ceaf236115 "vfio: Prevent from pinned DMABUF importers to attach to VFIO DMABUF", v6.19-rc).
     */
    RDMA_PINNED("rdma-pinned", "RDMA NIC (ib_umem_dmabuf_get_pinned, pinned MR)", null),
    /**
     * iommufd mapping the dma-buf into an IOAS for a VM ({@code IOMMU_IOAS_MAP_FILE}): it takes the single
     * physical range through {@code vfio_pci_dma_buf_iommufd_map()} and maps it with {@code IOMMU_MMIO}.
     */
    IOMMUFD("iommufd", "iommufd IOAS for a VM (IOMMU_IOAS_MAP_FILE)", KernelFeature.IOMMUFD_DMABUF),
    /** NVMe reading and writing through io_uring registered dma-buf buffers, premapped once (7.4). */
    IO_URING("io_uring", "NVMe through io_uring premapped dma-buf buffers", KernelFeature.IO_URING_DMABUF);

    private final String spec;
    private final String words;
    private final KernelFeature feature;

    DmaBufImporter(String spec, String words, KernelFeature feature) {
        this.spec = spec;
        this.words = words;
        this.feature = feature;
    }

    /** The name in buffer specs: {@code importer=iommufd}. */
    public String spec() {
        return spec;
    }

    public String words() {
        return words;
    }

    /** The kernel feature the importer needs beyond the vfio exporter, if any. */
    public Optional<KernelFeature> feature() {
        return Optional.ofNullable(feature);
    }

    /**
     * The importer a device is when the spec names none: an NVMe controller reads through io_uring, a network
     * controller is an RDMA NIC, anything else is a device assigned to a VM whose memory iommufd maps.
     */
    public static DmaBufImporter forDevice(PciFunction f) {
        DeviceKind k = f.kind();
        if (k == DeviceKind.NVME) return IO_URING;
        if (k == DeviceKind.NETWORK) return RDMA;
        return IOMMUFD;
    }

    public static Optional<DmaBufImporter> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        for (DmaBufImporter i : values()) if (i.spec.equals(t)) return Optional.of(i);
        return Optional.empty();
    }

    /** The accepted names, for messages. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (DmaBufImporter i : values()) sb.append(sb.length() == 0 ? "" : ", ").append(i.spec);
        return sb.toString();
    }
}
