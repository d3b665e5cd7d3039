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
 * <p>Two things changed with the kernel, both from the P2PDMA helper refactor a25e7962db0d ("PCI/P2PDMA:
 * Refactor the p2pdma mapping helpers", Christoph Hellwig), which came in the dma-mapping-6.16 pull
 * (23022f545610, merged 2025-05-27, tip 3ee7d9496342) together with the two-step IOVA API:
 * <ul>
 *   <li>{@code THRU_HOST_BRIDGE}: before v6.16 it fell through to the normal map (CPU physical address).
 *       From v6.16 the case {@code break}s out of the switch without assigning {@code dma_address} (only
 *       {@code dma_length} is set), so the device is handed whatever the field held. Fixed by 560000d619ef
 *       ("dma-mapping: direct: fix missing mapping for THRU_HOST_BRIDGE segments", Li RongQing, 2026-06-03,
 *       {@code break} → {@code fallthrough}, Fixes: a25e7962db0d) in the dma-mapping fixes of 7.1-rc7 and
 *       sent to the stable trees (7.0.y among them). Profiles 6.16–7.0 leave the address unset, as those
 *       releases did; 7.1 and later map it.</li>
 *   <li>{@code BUS_ADDR}: the refactored case set the bus address and {@code continue}d past
 *       {@code sg_dma_len(sg) = sg->length}, leaving the DMA length 0 in v6.16 and v6.17. Fixed by
 *       d0d08f4bd7f6 ("dma-direct: Fix missing sg_dma_len assignment in P2PDMA bus mappings", merged with
 *       dma-mapping-6.18-2025-11-27 before v6.18).</li>
 * </ul>
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
                    if (thruHostBridgeUnset(profile)) {
                        trace.note("dma-direct left dma_address of a THRU_HOST_BRIDGE entry unset: Linux 6.16-7.0 "
                                + "'break' instead of 'fallthrough' (a25e7962db0d); fixed in 7.1 by 560000d619ef");
                        sg.markUnset(i);
                        sg.setDmaLength(i, len);
                        sg.setFormedFrom(i, i);
                        continue;
                    }
                    // before 6.16 and from 7.1 the case maps the CPU physical address like ordinary memory
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
                    if (busAddrLengthMissing(profile)) {
                        trace.note("dma-direct left sg_dma_len of a BUS_ADDR entry 0: Linux 6.16-6.17 'continue' "
                                + "before the length (a25e7962db0d); fixed in 6.18 by d0d08f4bd7f6");
                    } else {
                        sg.setDmaLength(i, len);
                    }
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

    /** The 6.16 – 7.0 {@code break}: a THRU_HOST_BRIDGE entry gets no DMA address (fixed by 560000d619ef, 7.1). */
    public static boolean thruHostBridgeUnset(KernelProfile profile) {
        return profile.atLeast(6, 16) && !profile.atLeast(7, 1);
    }

    /** The 6.16 – 6.17 {@code continue}: a BUS_ADDR entry keeps DMA length 0 (fixed by d0d08f4bd7f6, 6.18). */
    public static boolean busAddrLengthMissing(KernelProfile profile) {
        return profile.atLeast(6, 16) && !profile.atLeast(6, 18);
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
