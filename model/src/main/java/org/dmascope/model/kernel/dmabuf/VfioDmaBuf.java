package org.dmascope.model.kernel.dmabuf;

import java.util.Optional;

import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-DMABUF-1: vfio-pci as a dma-buf exporter, drivers/vfio/pci/vfio_pci_dmabuf.c (torvalds/linux 06fddc7a1961,
 * v6.19+; 5d74781ebc86 "vfio/pci: Add dma-buf export support for MMIO regions").
 * <ul>
 *   <li>{@code validate_dmabuf_input()}: every range's offset and length must be page aligned and non-zero,
 *       else {@code VFIO_DEVICE_FEATURE_DMA_BUF} returns -EINVAL;</li>
 *   <li>{@code vfio_pci_dma_buf_attach()}: an importer without {@code allow_peer2peer} gets -EOPNOTSUPP, any
 *       importer of a revoked buffer -ENODEV;</li>
 *   <li>{@code vfio_pci_dma_buf_pin()} returns -EOPNOTSUPP: a pinned importer that cannot be revoked (non-ODP
 *       RDMA) is refused (61ceaf236115, v6.19-rc7);</li>
 *   <li>{@code vfio_pci_dma_buf_map()} of a revoked buffer: -ENODEV;</li>
 *   <li>revoke: reset, memory disabled in PCI_COMMAND, D3 or close call {@code vfio_pci_dma_buf_move(vdev, true)},
 *       which sets {@code revoked} and calls {@code dma_buf_move_notify()} for every attachment.</li>
 * </ul>
 */
@KernelRule("R-DMABUF-1")
public final class VfioDmaBuf {
    /** {@code PAGE_SIZE}. */
    public static final long PAGE = 4096;

    private VfioDmaBuf() {
    }

    /** {@code validate_dmabuf_input()} for one range: -EINVAL unless offset and length are page aligned. */
    public static Optional<Errno> validate(long offset, long length) {
        if (length == 0 || (offset & (PAGE - 1)) != 0 || (length & (PAGE - 1)) != 0) return Optional.of(Errno.EINVAL);
        return Optional.empty();
    }

    /**
     * {@code dma_buf_dynamic_attach()} (+ {@code dma_buf_pin()} for a pinned importer) on a vfio dma-buf.
     *
     * @param peer2peer the importer's {@code allow_peer2peer}
     * @param pinned    the importer pins instead of handling {@code move_notify}
     * @param revoked   the exporter has revoked the buffer
     */
    public static Optional<Errno> attach(boolean peer2peer, boolean pinned, boolean revoked) {
        if (!peer2peer) return Optional.of(Errno.EOPNOTSUPP);
        if (revoked) return Optional.of(Errno.ENODEV);
        if (pinned) return Optional.of(Errno.EOPNOTSUPP);
        return Optional.empty();
    }

    /** {@code vfio_pci_dma_buf_map()}: -ENODEV while revoked, else the mapping of R-DMABUF-2. */
    public static Optional<Errno> map(boolean revoked) {
        return revoked ? Optional.of(Errno.ENODEV) : Optional.empty();
    }
}
