package org.dmascope.model.kernel.dma;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.rule.KernelRule;

/**
 * R-P2P-12 what the DMA mappers do with each map type (R-DIR-4, R-IOMMU-6, R-BLK-7): an ordinary
 * page is mapped normally; {@code BUS_ADDR} gets the bus address, no IOMMU and no swiotlb, flagged
 * {@code SG_DMA_BUS_ADDRESS}; {@code THRU_HOST_BRIDGE} is mapped like RAM at its CPU physical address
 * (dma-direct) or through an IOVA (dma-iommu), with {@code DMA_ATTR_MMIO} in the phys-based paths;
 * {@code NOT_SUPPORTED} and {@code UNKNOWN} fail with {@code -EREMOTEIO} (block iterator:
 * {@code BLK_STS_INVAL}).
 */
@KernelRule("R-P2P-12")
public enum P2pMapperAction {
    MAP_NORMALLY,
    BUS_ADDRESS,
    MAP_CPU_PHYS,
    REJECT;

    public static P2pMapperAction of(P2pMapType type) {
        switch (type) {
            case NONE:
                return MAP_NORMALLY;
            case BUS_ADDR:
                return BUS_ADDRESS;
            case THRU_HOST_BRIDGE:
                return MAP_CPU_PHYS;
            default:
                return REJECT;
        }
    }

    /** One sentence for the step narration. */
    public String explain(P2pMapType type) {
        switch (this) {
            case MAP_NORMALLY:
                return "ordinary memory: mapped normally";
            case BUS_ADDRESS:
                return "P2P page routed inside the PCIe fabric: the device gets the PCI bus address (CPU address + "
                        + "bus_offset), no IOMMU, no swiotlb";
            case MAP_CPU_PHYS:
                return "P2P page routed through the host bridge: mapped like RAM at its CPU physical address";
            default:
                return "P2P map type " + type + ": the kernel refuses with -EREMOTEIO";
        }
    }
}
