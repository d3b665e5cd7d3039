package org.dmascope.model.mapping;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;

import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pMapperAction;
import org.dmascope.model.kernel.dma.PhysToDma;
import org.dmascope.model.kernel.dma.SegmentCollector;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelFeature;
import org.dmascope.model.util.Hex;

/** {@code dma_map_phys()} once per physical range, the way a driver with a phys-range list maps it. */
final class PhysMapPath {
    private PhysMapPath() {
    }

    static void run(MapContext c) {
        PhysRanges r = c.buf.phyr();
        c.inputs = vectors(c);
        P2pMapState p2p = c.newP2pState();
        P2pMapType t = p2p.state(c.buf.isP2p() ? 0 : -1);
        P2pMapperAction action = P2pMapperAction.of(t);
        if (action == P2pMapperAction.REJECT) {
            c.fail("EREMOTEIO", Errno.EREMOTEIO, "-EREMOTEIO",
                    "the P2P map type " + t + " cannot be mapped (R-P2P-12)");
            return;
        }
        boolean mmio = action == P2pMapperAction.MAP_CPU_PHYS;
        c.startPageTableLog();
        for (int i = 0; i < r.count(); i++) {
            if (action == P2pMapperAction.BUS_ADDRESS) {
                c.out.add(c.buf.provider().busAddress(r.addr(i)), r.len(i), SegmentCollector.BUS, i, 1);
                continue;
            }
            long dma = c.api.mapPhys(r.addr(i), r.len(i), mmio);
            if (dma == DMA_MAPPING_ERROR) {
                c.stopPageTableLog();
                SgMapPath.describeFailure(c);
                String code = c.codeFor(Errno.EIO).equals("SWIOTLB_FULL") ? "SWIOTLB_FULL" : Verdict.DMA_MAPPING_ERROR;
                c.failMapping(code, "dma_map_phys() = DMA_MAPPING_ERROR (range " + i + ")",
                        "range " + i + " at " + Hex.addr(r.addr(i)) + " could not be mapped: dma_map_phys() returns "
                                + "DMA_MAPPING_ERROR (dma_mapping_error() is true); the driver unmaps the " + i
                                + " ranges before it and fails the I/O with an error of its own choosing");
                return;
            }
            int f = c.api.usesIommu() ? SegmentCollector.IOVA : 0;
            long phys = c.api.usesIommu() ? c.api.domain().pageTable()
                    .iovaToPhys(dma) : PhysToDma.reverse(c.dev.rangeMap(), dma);
            if (c.api.swiotlb().active() && c.api.swiotlb().pool().contains(phys)) f |= SegmentCollector.SWIOTLB;
            c.out.add(dma, r.len(i), f, i, 1);
        }
        c.stopPageTableLog();
        c.step(Step.of(action == P2pMapperAction.BUS_ADDRESS ? StepKind.P2P : c.api.usesIommu() ? StepKind.IOVA_ALLOC
                : StepKind.DMA_DIRECT,
                c.api.usesIommu() ? "R-MAP-3, R-IOMMU-5, R-IOMMU-4" : "R-MAP-3, R-DIR-3",
                "dma_map_phys() per physical range")
                .say("Each physical range is mapped on its own"
                        + (c.api.usesIommu() ? ", each with its own IOVA allocation." : "."))
                .say(mmio ? "P2P memory through the host bridge is mapped as MMIO (DMA_ATTR_MMIO; dma_map_resource "
                        + "before v6.18): never bounced, uncached." : "")
                .say(action == P2pMapperAction.BUS_ADDRESS
                        ? "Bus-address P2P ranges need no mapping: the device uses the PCI bus address." : "")
                .in("ranges", r.count()).out("segments", c.out.size())
                .since(KernelFeature.MAP_PHYS.in(c.req.profile()) ? "since " + KernelFeature.MAP_PHYS.since() + " ("
                        + KernelFeature.MAP_PHYS.commit() + ")" : "before " + KernelFeature.MAP_PHYS.since()
                        + " the same mapping is dma_map_page() per page range")
                .build());
        if (c.api.usesIommu()) {
            SgMapPath.describeIovaAlloc(c, 0, "R-IOMMU-2, R-IOMMU-3");
            SgMapPath.describePageTable(c, "iommu_map()");
        }
        SgMapPath.describeBounces(c, c.api.usesIommu() ? "dma-iommu" : "dma-direct");
        c.verdict = Verdict.ok("dma_map_phys() succeeded " + r.count() + " times", Words.count(r.count(),
                "range") + ", " + Words.count(c.out.size(), "DMA segment"));
    }

    static InputEntries vectors(MapContext c) {
        PhysRanges r = c.buf.phyr();
        long[] a = new long[r.count()];
        long[] l = new long[r.count()];
        boolean[] q = new boolean[r.count()];
        for (int i = 0; i < r.count(); i++) {
            a[i] = r.addr(i);
            l[i] = r.len(i);
            q[i] = c.buf.isP2p();
        }
        return InputEntries.ofVectors(a, l, q, r.count());
    }
}
