package org.dmascope.model.kernel.p2p;

import java.util.OptionalLong;

import org.dmascope.model.kernel.P2pMapType;
import org.dmascope.model.util.Hex;

/**
 * What address a device is given for a P2P page (R-P2P-12, used by BA-1..BA-3): BUS_ADDR gives the
 * bus address ({@code paddr + bus_offset}, segment flagged {@code SG_DMA_BUS_ADDRESS}, no IOMMU, no
 * swiotlb); THRU_HOST_BRIDGE through dma-direct with no {@code dma_range_map} gives the CPU physical
 * address ({@code phys_to_dma} is the identity; the intended behaviour, see the R-DIR-4 note:
 * literal mainline v6.16+ leaves {@code dma_address} unset there); NOT_SUPPORTED gives nothing
 * (-EREMOTEIO). THRU_HOST_BRIDGE behind an IOMMU gets an IOVA, which the mapping engine allocates.
 */
public final class P2pDmaAddress {
    private P2pDmaAddress() {
    }

    /**
     * @param address    the DMA address, empty when the mapping fails or needs an IOVA
     * @param busAddress the segment is flagged SG_DMA_BUS_ADDRESS
     * @param words      a sentence
     */
    public record Result(OptionalLong address, boolean busAddress, String words) {
    }

    /** For dma-direct with no range map (identity phys_to_dma). */
    public static Result directIdentity(P2pMapType type, long paddr, long busOffset) {
        return switch (type) {
            case BUS_ADDR -> {
                long bus = PciBusAddress.busAddress(paddr, busOffset);
                yield new Result(OptionalLong.of(bus), true, "bus address " + Hex.addr(bus) + " = " + Hex.addr(paddr)
                        + " + bus offset " + Hex.addr(busOffset) + ", flagged SG_DMA_BUS_ADDRESS");
            }
            case THRU_HOST_BRIDGE -> new Result(OptionalLong.of(paddr), false, "CPU physical address " + Hex.addr(paddr)
                    + " (dma-direct, identity phys_to_dma)");
            default -> new Result(OptionalLong.empty(), false, "no address: the mapping fails with -EREMOTEIO");
        };
    }
}
