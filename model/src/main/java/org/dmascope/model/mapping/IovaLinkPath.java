package org.dmascope.model.mapping;

import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.P2pMapperAction;
import org.dmascope.model.kernel.dma.SegmentCollector;
import org.dmascope.model.kernel.iommu.IovaTwoStep;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelFeature;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The two-step IOVA API (R-IOMMU-9): one IOVA range for the whole buffer, every physical range linked
 * into it, one sync; without dma-iommu the documented fallback is {@code dma_map_phys} per range.
 */
final class IovaLinkPath {
    private IovaLinkPath() {
    }

    static void run(MapContext c) {
        PhysRanges r = c.buf.phyr();
        c.inputs = PhysMapPath.vectors(c);
        P2pMapType t = c.newP2pState().state(c.buf.isP2p() ? 0 : -1);
        P2pMapperAction action = P2pMapperAction.of(t);
        if (action == P2pMapperAction.BUS_ADDRESS) {
            for (int i = 0; i < r.count(); i++) c.out.add(c.buf.provider().busAddress(r.addr(i)), r.len(i),
                    SegmentCollector.BUS, i, 1);
            c.step(Step.of(StepKind.P2P, "R-P2P-12", "Bus addresses, no IOVA")
                    .say("A BUS_ADDR provider's ranges are used at their PCI bus address; no IOVA is allocated (as "
                            + "in dma_buf_phys_vec_to_sgt).")
                    .out("segments", r.count()).build());
            c.verdict = Verdict.ok("no IOVA needed", r.count() + " bus-address segments");
            return;
        }
        if (action == P2pMapperAction.REJECT) {
            c.fail("EREMOTEIO", Errno.EREMOTEIO, "-EREMOTEIO",
                    "the P2P map type " + t + " cannot be mapped (R-P2P-12)");
            return;
        }
        // DMA_ATTR_MMIO for dma_iova_link() came with dma_map_phys in 6.18; 6.16 and 6.17 link a P2P page
        // like any other page
        boolean mmio = action == P2pMapperAction.MAP_CPU_PHYS && KernelFeature.ATTR_MMIO.in(c.req.profile());
        IovaTwoStep.State state = new IovaTwoStep.State();
        c.startPageTableLog();
        boolean iova = c.api.iovaTryAlloc(state, r.addr(0), c.buf.size());
        if (!iova) {
            c.stopPageTableLog();
            c.step(Step.of(StepKind.DISPATCH, "R-IOMMU-9", "dma_iova_try_alloc() = false")
                    .say(c.api.usesIommu()
                            ? "The IOVA space is exhausted, so the caller falls back to mapping range by range."
                            : "Without dma-iommu there is no IOVA to allocate: the caller maps each range with "
                                    + "dma_map_phys().")
                    .build());
            PhysMapPath.run(c);
            return;
        }
        long offset = 0;
        for (int i = 0; i < r.count(); i++) {
            Errno e = c.api.iovaLink(state, r.addr(i), offset, r.len(i), mmio);
            if (e != null) {
                c.api.iovaAbort(state);
                c.stopPageTableLog();
                c.fail(e.name(), e, "dma_iova_link() = " + e.negated() + " (range " + i + ")",
                        e == Errno.EIO ? "range " + i + " at " + Hex.addr(r.addr(i))
                                + " starts inside an IOMMU page but is not the first range: it cannot be linked into "
                                        + "one contiguous IOVA range"
                                : "range " + i + " could not be linked: " + e.meaning());
                return;
            }
            offset += r.len(i);
        }
        c.api.iovaSync(state);
        c.stopPageTableLog();
        c.out.add(state.addr(), offset, SegmentCollector.IOVA | (state.usesSwiotlb() ? SegmentCollector.SWIOTLB : 0), 0,
                r.count());
        SgMapPath.describeIovaAlloc(c, 0, "R-IOMMU-9, R-IOMMU-2, R-IOMMU-3");
        c.step(Step.of(StepKind.IOVA_LINK, "R-IOMMU-9", "Link every range into the one IOVA range")
                .say("dma_iova_link() maps each physical range at its offset in the reserved IOVA range without "
                        + "flushing; dma_iova_sync() syncs once.")
                .say("Only the first range may start inside an IOMMU page; the device then sees a single contiguous "
                        + "range.")
                .in("ranges", r.count()).out("IOVA", Hex.addr(state.addr())).out("length",
                        ByteSize.format(offset))
                .since("since " + KernelFeature.IOVA_API.since() + " (" + KernelFeature.IOVA_API.commit() + ")")
                .since(action == P2pMapperAction.MAP_CPU_PHYS ? (mmio ? "DMA_ATTR_MMIO since 6.18 ("
                        + KernelFeature.ATTR_MMIO.commit() + ")" : "no DMA_ATTR_MMIO before 6.18: the P2P range is "
                        + "linked like RAM") : "")
                .build());
        SgMapPath.describePageTable(c, "dma_iova_link()");
        SgMapPath.describeBounces(c, "dma-iommu");
        c.verdict = Verdict.ok("dma_iova_try_alloc() = true, dma_iova_link() = 0 × " + r.count()
                + ", dma_iova_sync() = 0",
                r.count() + " ranges in one IOVA range");
    }
}
