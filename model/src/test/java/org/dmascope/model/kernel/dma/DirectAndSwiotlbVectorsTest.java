package org.dmascope.model.kernel.dma;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.direct.DirectMapPhys;
import org.dmascope.model.kernel.direct.DirectMapSg;
import org.dmascope.model.kernel.direct.DirectMaxMappingSize;
import org.dmascope.model.kernel.direct.DirectSupported;
import org.dmascope.model.kernel.direct.DmaCapable;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.swiotlb.SwiotlbMaxMappingSize;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.kernel.swiotlb.SwiotlbSizing;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.Bdf;
import org.junit.jupiter.api.Test;

/**
 * Section 3.3 of kernel-dma-rules.md: dma-direct and swiotlb vectors DD-1..DD-12 on R-DIR-1
 * ({@code phys_to_dma}, DD-2/DD-3), R-DIR-2 ({@code dma_capable}, DD-3), R-DIR-3
 * ({@code dma_direct_map_phys}), R-DIR-4 ({@code dma_direct_map_sg}, DD-1, DD-8..DD-10), R-DIR-5 and
 * R-TLB-3 (max mapping size, DD-6), R-DIR-7 ({@code dma_direct_supported}, DD-12) and R-TLB-4/R-TLB-5
 * (bounce slots, DD-4..DD-6).
 */
class DirectAndSwiotlbVectorsTest {
    static final KernelProfile MAINLINE = KernelProfile.MAINLINE;
    /** BA-1: EPb's P2P BAR at CPU 0x38_0000_0000, window offset 0. */
    static final P2pProvider EPB = new P2pProvider(Bdf.parse("04:00.0"), 2, 0x38_0000_0000L, 1L << 30, 0);
    static final DmaRangeMap DD2_MAP = DmaRangeMap.of(List.of(new DmaRangeMap.Region(0x8000_0000L, 0x0, 0x8000_0000L)));

    static DeviceDma dev64() {
        return DeviceDma.pciDefaults64();
    }

    static DeviceDma dev32() {
        return DeviceDma.pciDefaults64().withMask(KernelArith.dmaBitMask(32));
    }

    /** swiotlb defaults: pool at 0x5000_0000, 1 area, fresh. */
    static SwiotlbPool pool(long start) {
        return new SwiotlbPool(new SwiotlbSizing(start, 32768, 1, false));
    }

    static SwiotlbContext tlb(SwiotlbPool p) {
        return new SwiotlbContext(p, false, 0, false);
    }

    static P2pMapState state(P2pMapType type) {
        return new P2pMapState(i -> type);
    }

    static SgMapResult mapSg(ScatterList sg, DeviceDma dev, SwiotlbContext tlb, P2pMapType p2pType,
            KernelProfile profile,
                             MapTrace trace) {
        return DirectMapSg.map(sg, dev, DmaDirection.BIDIRECTIONAL, tlb, state(p2pType), i -> EPB, profile, trace);
    }

    @Test
    void dd1_sixtyFourBitDeviceMapsPhysicalAddressUnchanged() {
        ScatterList sg = new ScatterList(1);
        sg.add(0x1_2345_6000L, 0x10, 0x800, ScatterList.NO_PROVIDER);
        SgMapResult r = mapSg(sg, dev64(), SwiotlbContext.NONE, P2pMapType.NONE, MAINLINE, new MapTrace());
        assertEquals(SgMapResult.ok(1), r);
        assertEquals(0x1_2345_6010L, sg.dmaAddress(0));
        assertEquals(0x800, sg.dmaLength(0));
    }

    @Test
    void dd2_rangeMapShiftsTheAddress() {
        DeviceDma dev = dev64().withRangeMap(DD2_MAP);
        long dma = DirectMapPhys.map(dev, 0x8010_0000L, 0x1000, DmaDirection.TO_DEVICE, false, false,
                SwiotlbContext.NONE,
                MAINLINE, new MapTrace());
        assertEquals(0x0010_0000L, dma);
        assertEquals(0x0010_0000L, PhysToDma.translate(DD2_MAP, 0x8010_0000L));
    }

    @Test
    void dd3_addressOutsideTheRangeMapBouncesOrFails() {
        DeviceDma dev = dev64().withRangeMap(DD2_MAP);
        assertEquals(DMA_MAPPING_ERROR, PhysToDma.translate(DD2_MAP, 0x1_0000_0000L));
        assertFalse(DmaCapable.capable(dev, DMA_MAPPING_ERROR, 0x1000));
        SwiotlbPool p = pool(0x8800_0000L);
        MapTrace trace = new MapTrace();
        long dma = DirectMapPhys.map(dev, 0x1_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false, false, tlb(p),
                MAINLINE, trace);
        assertEquals(0x8800_0000L, trace.bounces().get(0).tlbAddr());
        assertEquals(0x0800_0000L, dma);

        ScatterList sg = new ScatterList(1);
        sg.add(0x1_0000_0000L, 0, 0x1000, ScatterList.NO_PROVIDER);
        SgMapResult r = mapSg(sg, dev, SwiotlbContext.NONE, P2pMapType.NONE, MAINLINE, new MapTrace());
        assertEquals(Errno.EIO, r.error());
        assertEquals(0, r.dmaMapSgReturn());
    }

    @Test
    void dd4_pageSizedBounceIsPageAlignedAndTheNextOneFollows() {
        SwiotlbPool p = pool(0x5000_0000L);
        MapTrace trace = new MapTrace();
        long first = DirectMapPhys.map(dev32(), 0x1_2345_6000L, 0x1000, DmaDirection.TO_DEVICE, false, false, tlb(p),
                MAINLINE, trace);
        assertEquals(0x5000_0000L, first);
        assertEquals(2, trace.bounces().get(0).nslots());
        long second = DirectMapPhys.map(dev32(), 0x1_2345_6000L, 0x1000, DmaDirection.TO_DEVICE, false, false, tlb(p),
                MAINLINE, trace);
        assertEquals(0x5000_1000L, second);
        assertEquals(2, trace.bounces().get(1).firstSlot());
    }

    @Test
    void dd5_minAlignMaskKeepsTheLow12BitsOfTheOriginal() {
        SwiotlbPool p = pool(0x5000_0000L);
        DeviceDma nvme = dev32().withMinAlignMask(0xFFF);
        MapTrace trace = new MapTrace();
        long dma = DirectMapPhys.map(nvme, 0x1_2345_6900L, 0x200, DmaDirection.TO_DEVICE, false, false, tlb(p),
                MAINLINE, trace);
        assertEquals(0x5000_0900L, dma);
        assertEquals(1, trace.bounces().get(0).nslots(), "offset 0x100 + 0x200 fits one slot");
        assertEquals(1, trace.bounces().get(0).firstSlot(), "slot 0 has bit 11 clear, the original has it set");
        assertEquals(0x900, dma & 0xFFF);
    }

    @Test
    void dd6_moreThan128SlotsIsSwiotlbFull() {
        SwiotlbPool p = pool(0x5000_0000L);
        MapTrace trace = new MapTrace();
        long dma = DirectMapPhys.map(dev32(), 0x1_0000_0000L, 0x4B000, DmaDirection.TO_DEVICE, false, false, tlb(p),
                MAINLINE, trace);
        assertEquals(DMA_MAPPING_ERROR, dma);
        assertTrue(trace.bounceFailure().startsWith("swiotlb buffer is full (sz: 307200 bytes)"),
                trace.bounceFailure());
        assertTrue(p.isEmpty());
        assertEquals(262144, SwiotlbMaxMappingSize.of(dev32()));
        assertEquals(258048, SwiotlbMaxMappingSize.of(dev32().withMinAlignMask(0xFFF)));
        assertEquals(262144, DirectMaxMappingSize.of(dev32(), tlb(p), 0x10_0000_0000L));
        assertEquals(-1L, DirectMaxMappingSize.of(dev64(), tlb(p), 0x10_0000_0000L),
                "a 64-bit device is not addressing-limited");
    }

    @Test
    void dd7_mmioIsNeverTranslatedNorBounced() {
        DeviceDma dev = dev64().withRangeMap(DD2_MAP);
        SwiotlbPool p = pool(0x5000_0000L);
        long dma = DirectMapPhys.map(dev, 0xF000_0000L, 0x1000, DmaDirection.TO_DEVICE, true, false, tlb(p), MAINLINE,
                new MapTrace());
        assertEquals(0xF000_0000L, dma);
        assertTrue(p.isEmpty());
    }

    @Test
    void dd8_directListKeepsOneSegmentPerEntryWithTheBusAddressFlagged() {
        ScatterList sg = new ScatterList(3);
        sg.add(0x1_0000_0000L, 0, 0x1000, ScatterList.NO_PROVIDER);
        sg.add(0x38_0000_2000L, 0, 0x1000, 0);
        sg.add(0x2_0000_0000L, 0, 0x1000, ScatterList.NO_PROVIDER);
        SgMapResult r = mapSg(sg, dev64(), SwiotlbContext.NONE, P2pMapType.BUS_ADDR, MAINLINE, new MapTrace());
        assertEquals(3, r.count());
        assertEquals(0x1_0000_0000L, sg.dmaAddress(0));
        assertFalse(sg.isBusAddress(0));
        assertEquals(0x38_0000_2000L, sg.dmaAddress(1));
        assertEquals(0x1000, sg.dmaLength(1));
        assertTrue(sg.isBusAddress(1));
        assertEquals(0x2_0000_0000L, sg.dmaAddress(2));
    }

    @Test
    void dd9_unsupportedP2pPageUnmapsWhatWasMappedAndFailsWithEremoteio() {
        SwiotlbPool p = pool(0x5000_0000L);
        ScatterList sg = new ScatterList(2);
        sg.add(0x1_0000_0000L, 0, 0x1000, ScatterList.NO_PROVIDER);
        sg.add(0x38_0000_2000L, 0, 0x1000, 0);
        MapTrace trace = new MapTrace();
        // a 32-bit device bounces the first entry, so the unwind is visible in the pool
        SgMapResult r = mapSg(sg, dev32(), tlb(p), P2pMapType.NOT_SUPPORTED, MAINLINE, trace);
        assertEquals(Errno.EREMOTEIO, r.error());
        assertEquals(0, r.dmaMapSgReturn(), "dma_map_sg returns 0");
        assertTrue(p.isEmpty(), "the first entry's bounce buffer was given back");
        assertTrue(trace.bounces().isEmpty());
    }

    /**
     * DD-10, the R-DIR-4 boundaries of THRU_HOST_BRIDGE on dma-direct: 6.12 maps the CPU physical address;
     * 6.16 (a25e7962db0d) and 7.0 leave {@code dma_address} unset; 7.1 (560000d619ef) maps it again.
     */
    @Test
    void dd10_thruHostBridgeOnDmaDirectDependsOnTheKernel() {
        for (KernelProfile k : new KernelProfile[] {KernelProfile.V6_12, KernelProfile.V6_16, KernelProfile.V7_0,
                KernelProfile.V7_1}) {
            ScatterList sg = new ScatterList(1);
            sg.add(0x38_0000_2000L, 0, 0x1000, 0);
            MapTrace trace = new MapTrace();
            assertEquals(1, mapSg(sg, dev64(), SwiotlbContext.NONE, P2pMapType.THRU_HOST_BRIDGE, k, trace).count());
            assertEquals(0x1000, sg.dmaLength(0), k.id());
            boolean unset = (sg.dmaFlags(0) & ScatterList.DMA_ADDRESS_UNSET) != 0;
            boolean bug = k == KernelProfile.V6_16 || k == KernelProfile.V7_0;
            assertEquals(bug, unset, k.id() + ": dma_address unset");
            assertEquals(bug, !trace.notes().isEmpty(), k.id() + ": the bug is noted");
            if (!bug) assertEquals(0x38_0000_2000L, sg.dmaAddress(0), k.id() + " maps the CPU physical address");
        }
    }

    /** DD-10b, R-DIR-4 BUS_ADDR length: 6.17 leaves {@code sg_dma_len} 0, 6.18 (d0d08f4bd7f6) sets it; 6.12 too. */
    @Test
    void dd10b_busAddressLengthMissingIn616And617() {
        for (KernelProfile k : new KernelProfile[] {KernelProfile.V6_12, KernelProfile.V6_16, KernelProfile.V6_17,
                KernelProfile.V6_18}) {
            ScatterList sg = new ScatterList(1);
            sg.add(0x38_0000_2000L, 0, 0x1000, 0);
            mapSg(sg, dev64(), SwiotlbContext.NONE, P2pMapType.BUS_ADDR, k, new MapTrace());
            assertTrue(sg.isBusAddress(0));
            boolean bug = k == KernelProfile.V6_16 || k == KernelProfile.V6_17;
            assertEquals(bug ? 0 : 0x1000, sg.dmaLength(0), k.id());
        }
    }

    @Test
    void dd11_confidentialGuestBouncesEvenA64BitDevice() {
        SwiotlbPool p = pool(0x5000_0000L);
        SwiotlbContext forced = new SwiotlbContext(p, true, 0, false);
        MapTrace trace = new MapTrace();
        long dma = DirectMapPhys.map(dev64(), 0x1_0000_0000L, 0x1000, DmaDirection.TO_DEVICE, false, false, forced,
                MAINLINE, trace);
        assertEquals(trace.bounces().get(0).tlbAddr(), dma, "dma = phys_to_dma_unencrypted(tlb_addr)");
        assertEquals(0x5000_0000L, dma);
    }

    @Test
    void dd12_dmaDirectSupportedAccepts24BitButNot20BitMasks() {
        long lastRam = 0x10_0000_0000L - 1;
        assertTrue(DirectSupported.supported(dev64(), KernelArith.dmaBitMask(24), lastRam,
                DirectSupported.X86_ZONE_DMA_LIMIT));
        assertFalse(DirectSupported.supported(dev64(), KernelArith.dmaBitMask(20), lastRam,
                DirectSupported.X86_ZONE_DMA_LIMIT));
        assertTrue(DirectSupported.supported(dev64(), KernelArith.dmaBitMask(32), lastRam,
                DirectSupported.X86_ZONE_DMA_LIMIT));
    }

    @Test
    void directUnmapReleasesTheBounceBuffer() {
        SwiotlbPool p = pool(0x5000_0000L);
        long dma = DirectMapPhys.map(dev32(), 0x1_0000_0000L, 0x3000, DmaDirection.FROM_DEVICE, false, false, tlb(p),
                MAINLINE,
                new MapTrace());
        assertEquals(6, p.used(), "12 KiB = 6 slots of 2 KiB");
        assertEquals(0x5000_0000L, DirectMapPhys.unmap(dev32(), dma, tlb(p)).tlbAddr());
        assertTrue(p.isEmpty());
        assertNull(DirectMapPhys.unmap(dev32(), 0x1_0000_0000L, tlb(p)));
    }
}
