package org.dmascope.model.kernel.profile;

import java.util.Optional;

/**
 * A DMA API or boot option that a kernel either has or does not. Choosing one under a kernel that
 * predates it is refused, in the CLI, the session and the window alike, with one sentence:
 * "dma_iova_try_alloc is not in Linux 6.12 (since 6.16)".
 */
public enum KernelFeature {
    /**
     * The two-step IOVA API (R-IOMMU-9): 393cf700be6f "dma-mapping: Provide an interface to allow allocate
     * IOVA" and 433a76207dcf "dma-mapping: Implement link/unlink ranges API", dma-mapping-6.16 pull
     * (23022f545610, merged 2025-05-27).
     */
    IOVA_API("dma_iova_try_alloc", 6, 16, "393cf700be6f"),
    /**
     * The block DMA iterator (R-BLK-7): 858299dc6160 "block: add scatterlist-less DMA mapping helpers",
     * for-6.17/block (NVMe converted in the same series).
     */
    BLOCK_DMA_ITER("blk_rq_dma_map_iter_start", 6, 17, "858299dc6160"),
    /**
     * {@code dma_map_phys} (R-DIR-3, R-IOMMU-6): Leon Romanovsky's "dma-mapping: migrate to physical address
     * based API" series, dma-mapping-6.18-2025-09-30 pull (a498d59c469b).
     */
    MAP_PHYS("dma_map_phys", 6, 18, "a498d59c469b"),
    /**
     * {@code DMA_ATTR_MMIO}: "dma-mapping: introduce new DMA attribute to indicate MMIO memory", the first patch
     * of the same series, same pull (a498d59c469b).
     */
    ATTR_MMIO("DMA_ATTR_MMIO", 6, 18, "a498d59c469b"),
    /**
     * vfio-pci exporting a BAR as a dma-buf (R-DMABUF-1): 5d74781ebc86 "vfio/pci: Add dma-buf export support for
     * MMIO regions", vfio-v6.19-rc1 (drivers/vfio/pci/vfio_pci_dmabuf.c, read at torvalds/linux 06fddc7a1961).
     */
    VFIO_DMABUF("VFIO_DEVICE_FEATURE_DMA_BUF", 6, 19, "5d74781ebc86"),
    /**
     * iommufd mapping a VFIO dma-buf into an IOAS (R-DMABUF-3): 71db84a0 "iommufd: Add DMABUF to iopt_pages",
     * MMIO pages mapped with IOMMU_MMIO (3114c674), same v6.19 merge window.
     */
    IOMMUFD_DMABUF("IOMMU_IOAS_MAP_FILE of a dma-buf", 6, 19, "71db84a0"),
    /**
     * io_uring registered dma-buf buffers and NVMe requests from premapped dma-buf: for-7.4/io_uring-dmabuf (ed02f4f7,
     * kernel-timeline.md K15); not in the kernel tree read, so modelled from the merge description.
     */
    IO_URING_DMABUF("io_uring dma-buf registered buffers", 7, 4, "ed02f4f7"),
    /** {@code pci=config_acs=} (R-CMD-4): 47c8846a49ba "PCI: Extend ACS configurability" (v6.11). */
    CONFIG_ACS("pci=config_acs=", 6, 11, "47c8846a49ba");

    private final String kernelName;
    private final int major;
    private final int minor;
    private final String commit;

    KernelFeature(String kernelName, int major, int minor, String commit) {
        this.kernelName = kernelName;
        this.major = major;
        this.minor = minor;
        this.commit = commit;
    }

    /** The name the kernel gives it: {@code dma_iova_try_alloc}. */
    public String kernelName() {
        return kernelName;
    }

    /** The first release that has it: {@code 6.16}. */
    public String since() {
        return major + "." + minor;
    }

    /** The commit or pull that brought it. */
    public String commit() {
        return commit;
    }

    public boolean in(KernelVersion k) {
        return k.atLeast(major, minor);
    }

    /** "dma_iova_try_alloc is not in Linux 6.12 (since 6.16)", or empty when the kernel has it. */
    public Optional<String> refusal(KernelProfile k) {
        if (in(k)) return Optional.empty();
        return Optional.of(kernelName + " is not in Linux " + k.version() + " (since " + since() + ")");
    }
}
