package org.dmascope.model.kernel.direct;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import java.util.function.IntFunction;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SgMapResult;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.trace.MapTrace;

/**
 * R-DIR-4 {@code dma_direct_map_sg()} (kernel/dma/direct.c): every entry is mapped on its own, so
 * dma-direct never merges (output count = input count). Ordinary pages go through R-DIR-3; a
 * {@code BUS_ADDR} P2P page gets its bus address and the {@code SG_DMA_BUS_ADDRESS} flag; other P2P
 * map types fail with {@code -EREMOTEIO}; any failure unmaps the entries already mapped.
 *
 * <p>{@code THRU_HOST_BRIDGE} depends on the kernel: before v6.17 it fell through to the normal map
 * (CPU physical address); the v6.17 refactor "PCI/P2PDMA: Refactor the p2pdma mapping helpers"
 * (a25e7962db0d) made it {@code break} without assigning {@code dma_address}; the fix
 * "dma-direct: ... use fallthrough" (Fixes: a25e7962db0d, seen as a 2026 stable backport) came after v6.19 [~].
 * Profiles v6.17–v6.19 therefore leave the address unset, as the released kernels did.
 */
@KernelRule("R-DIR-4")
public final class DirectMapSg {
    private DirectMapSg() {
    }

    public static SgMapResult map(ScatterList sg, DeviceDma dev, DmaDirection dir, SwiotlbContext tlb, P2pMapState p2p,
                                  IntFunction<P2pProvider> providers, KernelProfile profile, MapTrace trace) {
        int n = sg.nents();
        for (int i = 0; i < n; i++) {
            P2pMapType type = p2p.state(sg.provider(i));
            long len = sg.length(i);
            switch (type) {
                case THRU_HOST_BRIDGE:
                    if (profile.atLeast(6, 17)) {
                        trace.note("dma-direct left dma_address of a THRU_HOST_BRIDGE entry unset: Linux 6.17-6.19 "
                                + "'break' instead of 'fallthrough' (a25e7962db0d); fixed after 6.19");
                        sg.markUnset(i);
                        sg.setDmaLength(i, len);
                        sg.setFormedFrom(i, i);
                        continue;
                    }
                    // earlier kernels fall through and map the CPU physical address
                case NONE: {
                    long dma = DirectMapPhys.map(dev, sg.phys(i), len, dir, false, type != P2pMapType.NONE, tlb,
                            profile, trace);
                    if (dma == DMA_MAPPING_ERROR) {
                        unmapFirst(sg, i, dev, tlb, trace);
                        return SgMapResult.fail(Errno.EIO);
                    }
                    sg.setDmaAddress(i, dma);
                    break;
                }
                case BUS_ADDR:
                    sg.setDmaAddress(i, providers.apply(p2p.mem()).busAddress(sg.phys(i)));
                    sg.setDmaLength(i, len);
                    sg.markBusAddress(i);
                    sg.setFormedFrom(i, i);
                    continue;
                default:
                    unmapFirst(sg, i, dev, tlb, trace);
                    return SgMapResult.fail(Errno.EREMOTEIO);
            }
            sg.setDmaLength(i, len);
            sg.setFormedFrom(i, i);
        }
        return SgMapResult.ok(n);
    }

    /** {@code dma_direct_unmap_sg(dev, sgl, i, dir, attrs | DMA_ATTR_SKIP_CPU_SYNC)} on the failure path. */
    static void unmapFirst(ScatterList sg, int count, DeviceDma dev, SwiotlbContext tlb, MapTrace trace) {
        for (int j = 0; j < count; j++) {
            if (sg.isBusAddress(j)) {
                sg.unmarkBusAddress(j);
            } else if ((sg.dmaFlags(j) & ScatterList.DMA_ADDRESS_UNSET) == 0) {
                var released = DirectMapPhys.unmap(dev, sg.dmaAddress(j), tlb);
                if (released != null) trace.bounceReleased(released);
            }
        }
    }
}
