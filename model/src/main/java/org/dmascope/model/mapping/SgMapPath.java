package org.dmascope.model.mapping;

import java.util.Map;

import org.dmascope.model.kernel.direct.DirectMapSg;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.dma.PhysToDma;
import org.dmascope.model.kernel.dma.SegmentCollector;
import org.dmascope.model.kernel.dma.SgMapResult;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.pagetable.PageTableChanges;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.sg.SgFromPages;
import org.dmascope.model.kernel.sg.SgTableLayout;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/** {@code dma_map_sgtable()} on a table built from the pinned pages (the RDMA umem / GPU userptr way). */
final class SgMapPath {
    private SgMapPath() {
    }

    static void run(MapContext c) {
        if (c.buf.entries() != null) {
            runExplicit(c);
            return;
        }
        PinnedBuffer b = c.buf;
        ScatterList sg = SgFromPages.build(b.pagesArray(), c.pgmap(), b.pageCount(), b.offset(), b.size(),
                c.dev.maxSegSize(),
                b.phyrCount());
        if (sg == null) {
            c.fail("EINVAL", SgFromPages.ERROR, "sg_alloc_table_from_pages() = -EINVAL",
                    "the device's max segment size " + c.dev.maxSegSize()
                            + " is below one page, so no scatterlist can be built");
            return;
        }
        SgTableLayout.Layout lay = SgTableLayout.alloc(sg.nents());
        c.sgLayout = lay;
        c.step(Step.of(StepKind.SCATTERLIST, "R-SG-4, R-SG-1, R-SG-2, R-SG-3", "Build the scatterlist from the pages")
                .say("sg_alloc_table_from_pages() puts runs of physically consecutive pages into one entry, up to "
                        + "the max segment size.")
                .say(b.isP2p() ? "P2P pages only merge with pages of the same provider." : "")
                .say(lay.chainEntries() > 0
                        ? "The " + lay.nents() + " entries need " + lay.chunkSizes().length + " page-sized arrays of "
                                + SgTableLayout.SG_MAX_SINGLE_ALLOC
                        + " linked by " + lay.chainEntries() + " chain entries."
                        : "They fit in one array, no chaining.")
                .in("pages", b.pageCount()).in("max segment", ByteSize.format(c.dev.maxSegSize()))
                .out("entries", sg.nents()).out("chain entries", lay.chainEntries())
                .out("bytes", lay.bytes() + " (" + SgTableLayout.SCATTERLIST_BYTES + " per entry)").build());

        // the entries' lengths rounded out to whole pages: every entry of a list built from pages covers
        // whole pages (the first from the buffer offset, the last to the buffer end), so this is all pages
        long alignedSum = (long) b.pageCount() << KernelArith.PAGE_SHIFT;
        SgMapResult r = mapAndCollect(c, sg);
        if (!r.isOk()) return;
        if (c.api.usesIommu()) describeIommu(c, sg, r.count(), alignedSum);
        else describeDirect(c, sg);
        c.verdict = Verdict.ok("dma_map_sgtable() = 0, sgt->nents = " + r.count() + " (dma_map_sg() = " + r.count()
                + ")",
                Words.count(sg.nents(), "scatterlist entry").replace("entrys",
                        "entries") + " became " + Words.count(r.count(), "DMA segment"));
    }

    /**
     * {@code dma_map_sgtable()} on the driver's own list: the entries as given, short ones and P2P ones included.
     * With an IOMMU every entry is widened to whole IOMMU granules in IOVA space (R-IOMMU-6), so an entry that does
     * not end on a granule ends its DMA segment (R-IOMMU-7); dma-direct maps each entry on its own (R-DIR-4).
     */
    static void runExplicit(MapContext c) {
        PinnedEntries e = c.buf.entries();
        ScatterList sg = e.toScatterList();
        SgTableLayout.Layout lay = SgTableLayout.alloc(sg.nents());
        c.sgLayout = lay;
        long granule = c.api.usesIommu() ? c.api.domain().iovad().granule() : KernelArith.PAGE_SIZE;
        long data = 0;
        long widened = 0;
        int partial = 0;
        for (int i = 0; i < e.count(); i++) {
            data += e.length(i);
            long off = e.phys(i) & (granule - 1);
            long w = KernelArith.alignUp(off + e.length(i), granule);
            if (e.providerIndex(i) < 0 || c.providerMapType.apply(e.providerIndex(i)) != P2pMapType.BUS_ADDR) {
                widened += w;
            }
            if (off != 0 || ((off + e.length(i)) & (granule - 1)) != 0) partial++;
        }
        c.step(Step.of(StepKind.SCATTERLIST, "R-SG-1, R-SG-2", "The driver's scatterlist")
                .say("The entries go to dma_map_sgtable() as they are; nothing merges them before the mapping.")
                .say(partial > 0 ? Words.count(partial, "entry").replace("entrys", "entries") + (partial == 1 ? " does"
                        : " do") + " not start and end on " + ByteSize.format(granule)
                        + (c.api.usesIommu() ? " IOMMU granules" : " pages") + "." : "Every entry is whole pages.")
                .say(lay.chainEntries() > 0 ? "The " + lay.nents() + " entries need " + lay.chainEntries()
                        + " chain entries." : "They fit in one array, no chaining.")
                .in("entries", sg.nents()).in("bytes", data).out("partial entries", partial)
                .out("chain entries", lay.chainEntries())
                .out("bytes", lay.bytes() + " (" + SgTableLayout.SCATTERLIST_BYTES + " per entry)").build());
        SgMapResult r = mapAndCollect(c, sg);
        if (!r.isOk()) return;
        if (c.api.usesIommu()) {
            describeIommu(c, sg, r.count(), widened);
            if (!sg.isSwiotlb()) {
                c.step(Step.of(StepKind.FINALISE, "R-IOMMU-6, R-IOMMU-7", "Short entries and IOVA padding")
                        .say("iommu_dma_map_sg() gives every entry whole " + ByteSize.format(granule)
                                + " granules of IOVA: the entries' " + data + " bytes take " + widened
                                + " bytes of IOVA space (bus-address entries take none).")
                        .say("__finalise_sg() joins an entry to the segment before only when the entry starts on a "
                                + "granule, and an entry that ends short of its granule closes its segment: the "
                                + "device sees a gap in IOVA after it.")
                        .in("data bytes", data).out("IOVA bytes", widened).out("segments", r.count()).build());
            }
        } else {
            describeDirect(c, sg);
        }
        c.verdict = Verdict.ok("dma_map_sgtable() = 0, sgt->nents = " + r.count() + " (dma_map_sg() = " + r.count()
                + ")", Words.count(sg.nents(), "scatterlist entry").replace("entrys", "entries") + " became "
                + Words.count(r.count(), "DMA segment"));
    }

    /**
     * {@code dma_map_sgtable()} on {@code sg}, its page-table writes logged: a failure is described and ends the
     * mapping, a success's segments are collected.
     */
    private static SgMapResult mapAndCollect(MapContext c, ScatterList sg) {
        c.startPageTableLog();
        SgMapResult r = c.api.mapSg(sg, c.newP2pState(), c.providers);
        c.stopPageTableLog();
        c.inputs = InputEntries.of(sg);
        if (!r.isOk()) {
            describeFailure(c);
            c.fail(c.codeFor(r.error()), r.error(), "dma_map_sgtable() = " + r.error().negated() + "; dma_map_sg() = 0",
                    "dma_map_sg failed: " + r.error().meaning() + ".");
        } else {
            collect(c, sg, r.count(), 0);
        }
        return r;
    }

    /** Copies the output segments of a mapped list into the collector. */
    static void collect(MapContext c, ScatterList sg, int count, int inputBase) {
        if (sg.isSwiotlb()) c.out.markListSwiotlb();
        for (int i = 0; i < count; i++) {
            int first = sg.formedFrom(i);
            int next = i + 1 < count ? sg.formedFrom(i + 1) : sg.nents();
            int f = 0;
            if (sg.isBusAddress(i)) f |= SegmentCollector.BUS;
            else if ((sg.dmaFlags(i) & ScatterList.DMA_ADDRESS_UNSET) != 0) f |= SegmentCollector.UNSET;
            else if (c.api.usesIommu()) f |= SegmentCollector.IOVA;
            if (!sg.isBusAddress(i) && bounced(c, sg.dmaAddress(i))) f |= SegmentCollector.SWIOTLB;
            long addr = (f & SegmentCollector.UNSET) != 0 ? 0 : sg.dmaAddress(i);
            c.out.add(addr, sg.dmaLength(i), f, inputBase + first, Math.max(1, next - first));
        }
    }

    private static boolean bounced(MapContext c, long dma) {
        if (!c.api.swiotlb().active() || c.trace.bounces().isEmpty()) return false;
        long phys = c.api.usesIommu() ? c.api.domain().pageTable().iovaToPhys(dma) : PhysToDma.reverse(c.dev.rangeMap(),
                dma);
        return c.api.swiotlb().pool().contains(phys);
    }

    static void describeDirect(MapContext c, ScatterList sg) {
        int bus = 0;
        int unset = 0;
        int translated = 0;
        for (int i = 0; i < sg.nents(); i++) {
            if (sg.isBusAddress(i)) bus++;
            else if ((sg.dmaFlags(i) & ScatterList.DMA_ADDRESS_UNSET) != 0) unset++;
            else if (sg.dmaAddress(i) != sg.phys(i)) translated++;
        }
        int bounced = c.trace.bounces().size();
        Step.Builder s = Step.of(StepKind.DMA_DIRECT, "R-DIR-4, R-DIR-1, R-DIR-2, R-DIR-3",
                "dma-direct maps each entry on its own")
                .say("Without IOMMU translation every entry keeps its own DMA address, so nothing merges: the device "
                        + "gets as many segments as there are entries.")
                .say(c.dev.rangeMap().isIdentity() ? "There is no dma_range_map, so DMA address = CPU physical address."
                        : "The host bridge's dma_range_map shifts each address (" + c.dev.rangeMap() + ").")
                .in("entries", sg.nents()).in("DMA mask", Hex.addr(c.dev.dmaMask()))
                .out("direct", sg.nents() - bus - unset - bounced).out("bounced", bounced).out("bus addresses", bus);
        if (translated > bounced) s.out("shifted by dma_range_map", translated - bounced);
        if (c.mapType == P2pMapType.THRU_HOST_BRIDGE) {
            s.since(DirectMapSg.thruHostBridgeUnset(c.req.profile())
                    ? "THRU_HOST_BRIDGE left unmapped 6.16-7.0 (a25e7962db0d; fixed in 7.1 by 560000d619ef)"
                    : c.req.profile().atLeast(7, 1) ? "THRU_HOST_BRIDGE mapped again since 7.1 (560000d619ef)" : "");
        }
        if (c.mapType == P2pMapType.BUS_ADDR) {
            s.since(DirectMapSg.busAddrLengthMissing(c.req.profile())
                    ? "BUS_ADDR length 0 in 6.16-6.17 (a25e7962db0d; fixed in 6.18 by d0d08f4bd7f6)"
                    : c.req.profile().atLeast(6, 18) ? "BUS_ADDR length set again since 6.18 (d0d08f4bd7f6)" : "");
        }
        if (bus > 0) s.say(bus + " P2P entries got bus addresses (R-P2P-12).");
        if (unset > 0) s.say(unset + " THRU_HOST_BRIDGE entries were left without a DMA address (shown as 0, "
                + "flagged UNSET): since 6.16 dma_direct_map_sg() breaks out of the switch before mapping them; fixed "
                + "in 7.1 by 560000d619ef (R-DIR-4).");
        int zeroLength = 0;
        for (int i = 0; i < sg.nents(); i++) if (sg.isBusAddress(i) && sg.dmaLength(i) == 0) zeroLength++;
        if (zeroLength > 0) s.say(zeroLength + " bus-address entries kept DMA length 0: 6.16 and 6.17 skip "
                + "sg_dma_len() for BUS_ADDR; fixed in 6.18 by d0d08f4bd7f6 (R-DIR-4).");
        c.step(s.build());
        describeBounces(c, "dma-direct");
    }

    static void describeBounces(MapContext c, String who) {
        if (c.trace.bounces().isEmpty()) return;
        SwiotlbAllocation first = c.trace.bounces().get(0);
        int slots = c.trace.bounces().stream().mapToInt(SwiotlbAllocation::nslots).sum();
        c.step(Step.of(StepKind.SWIOTLB, "R-TLB-4, R-TLB-5, R-TLB-2", "Bounce through swiotlb")
                .say("The device cannot reach the buffer (or must not see its neighbours), so " + who
                        + " copies it into bounce buffers it can reach: 2 KiB slots in the swiotlb pool, at most 128 "
                                + "per buffer.")
                .say("The first bounce buffer starts at " + Hex.addr(first.tlbAddr()) + " (slot " + first.firstSlot()
                        + ").")
                .in("buffers", c.trace.bounces().size()).in("pool", Hex.addr(c.api.swiotlb().pool().start()))
                .out("slots used", slots).out("pool slots in use", c.api.swiotlb().pool().used() + "/" + c.api.swiotlb()
                        .pool().nslabs())
                .build());
    }

    static void describeFailure(MapContext c) {
        if (c.trace.bounceFailure() != null) {
            c.step(Step.of(StepKind.SWIOTLB, "R-TLB-5, R-TLB-2", "swiotlb has no room")
                    .say("No run of free 2 KiB slots inside one 128-slot segment was large enough; the kernel logs: "
                            + c.trace.bounceFailure()).build());
        }
    }

    static void describeIommu(MapContext c, ScatterList sg, int count, long alignedSum) {
        describeIovaAlloc(c, alignedSum, "R-IOMMU-6, R-IOMMU-2, R-IOMMU-3");
        describePageTable(c, "iommu_map_sg()");
        if (sg.isSwiotlb()) {
            describeBounces(c, "dma-iommu (untrusted device)");
            c.step(Step.of(StepKind.FINALISE, "R-IOMMU-5, R-IOMMU-6", "One IOVA per entry, never merged")
                    .say("An untrusted device maps every entry separately through swiotlb-aware "
                            + "iommu_dma_map_phys(), so the list is not merged.")
                    .out("segments", count).build());
            return;
        }
        int bus = 0;
        for (int i = 0; i < count; i++) if (sg.isBusAddress(i)) bus++;
        c.step(Step.of(StepKind.FINALISE, "R-IOMMU-7", "Merge into DMA segments")
                .say("__finalise_sg() walks the entries through the contiguous IOVA range and joins an entry to the "
                        + "previous segment when it starts on an IOMMU page, the segment stays within the max "
                        + "segment size ("
                        + ByteSize.format(c.dev.maxSegSize()) + ") and it does not start on a segment boundary (mask "
                                + Hex.addr(c.dev.segBoundaryMask()) + ").")
                .say(bus > 0 ? bus + " bus-address entries pass through as their own segments and use no IOVA." : "")
                .in("entries", sg.nents()).out("segments", count).build());
    }

    static void describeIovaAlloc(MapContext c, long alignedSum, String rules) {
        for (MapTrace.IovaAllocation a : c.trace.iovas()) {
            Step.Builder s = Step.of(StepKind.IOVA_ALLOC, rules, "Allocate IOVA space")
                    .say("The IOVA allocator searches top-down below the limit for a hole aligned to the size "
                            + "rounded up to a power of two.");
            if (a.bytes() > alignedSum && alignedSum > 0 && c.trace.iovas().size() == 1) {
                s.say((a.bytes() - alignedSum) + " bytes of padding keep entries from straddling a segment boundary.");
            }
            if (a.fromRangeCache()) s.say("A range freed earlier was reused straight from the per-size range cache.");
            else if (!a.above32Bit()) s.say("As a PCI device it tries below 4 GiB first.");
            else s.say("It lies above 4 GiB: the 32-bit space was not used.");
            s.in("size", Hex.addr(a.bytes())).in("limit", Hex.addr(a.limit()))
                    .out("IOVA", Hex.addr(a.iova())).out("pages reserved", a.pagesAllocated());
            c.step(s.build());
            if (c.trace.iovas().size() > 3) {
                c.step(Step.of(StepKind.IOVA_ALLOC, rules, "More IOVA allocations")
                        .say((c.trace.iovas().size() - 1)
                                + " more ranges were allocated the same way, each below the last.")
                        .out("allocations", c.trace.iovas().size()).build());
                break;
            }
        }
        for (String line : c.trace.kernelLog()) {
            if (line.startsWith("Using ")) c.step(Step.of(StepKind.IOVA_ALLOC, "R-IOMMU-2",
                    "Leave the 32-bit IOVA space")
                    .say("The kernel logs \"" + line + "\".").build());
        }
    }

    static void describePageTable(MapContext c, String who) {
        if (c.ptLog == null || c.ptLog.leafCount() == 0) return;
        PageTableChanges ch = c.pageTableChanges();
        StringBuilder sizes = new StringBuilder();
        for (Map.Entry<Long, Integer> e : ch.leavesBySize().entrySet()) {
            if (sizes.length() > 0) sizes.append(", ");
            sizes.append(e.getValue()).append(" × ").append(ByteSize.format(e.getKey()));
        }
        StringBuilder walk = new StringBuilder();
        for (PageTableChanges.LevelIndex li : ch.walk(0)) {
            if (walk.length() > 0) walk.append(" → ");
            walk.append(li.levelName()).append("[").append(li.index()).append("]");
        }
        c.step(Step.of(StepKind.PAGE_TABLE, "R-IOMMU-8, " + ptRule(ch), "Write I/O page-table entries")
                .say(who + " maps physically contiguous runs as one range; iommu_map() picks the largest page size "
                        + "that the alignment of IOVA and physical address allow.")
                .say("The first entry is found by walking " + walk + " (" + ch.geometry().describe() + ").")
                .in("format", ch.geometry().format()).out("leaf entries", sizes).out("new tables",
                        ch.newTableCount()).build());
    }

    private static String ptRule(PageTableChanges ch) {
        switch (ch.geometry().format()) {
            case ARM_64_LPAE_S1:
            case ARM_64_LPAE_S2:
                return "R-PT-1";
            case VTD_FIRST_STAGE:
            case VTD_SECOND_STAGE:
                return "R-PT-2";
            default:
                return "R-PT-3";
        }
    }
}
