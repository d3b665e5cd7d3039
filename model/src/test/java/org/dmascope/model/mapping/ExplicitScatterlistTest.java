package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * An explicit scatterlist ({@code sg:} buffer spec) through the engine, with vectors read in torvalds/linux
 * (v7.1 tree): drivers/iommu/dma-iommu.c {@code iommu_dma_map_sg()} and {@code __finalise_sg()} (R-IOMMU-6,
 * R-IOMMU-7), kernel/dma/direct.c {@code dma_direct_map_sg()} (R-DIR-4, with a25e7962db0d and its fixes
 * d0d08f4bd7f6 and 560000d619ef), block/blk-merge.c virt-boundary gaps (R-BLK-4).
 */
class ExplicitScatterlistTest {
    private static final String NIC = "0000:06:00.0";
    private static final String NVME = "0000:07:00.0";
    private static final String P2P = "0000:05:00.0/bar2";

    private static Mapping map(String initiator, String spec, MapApi api, IommuMode mode, KernelProfile profile,
                               P2pMapTypeSource src) {
        Topology t = Samples.switchP2pServer();
        MapRequest req = MapRequest.builder(t, Bdf.parse(initiator), BufferSpecParser.parse(spec)).api(api)
                .iommuMode(mode).profile(profile).build();
        return new MappingEngine(src).map(req, new DmaState());
    }

    private static Mapping map(String spec, MapApi api, IommuMode mode) {
        return map(NIC, spec, api, mode, KernelProfile.MAINLINE, MappingEngineTest.NO_P2P);
    }

    /**
     * SG-SHORT-1 (__finalise_sg): 4 KiB, 512 B, 4 KiB. The 512-byte entry starts on a granule, so it joins the
     * first segment (4608 bytes); it ends short of its granule ({@code s_length + s_iova_off < s_iova_len}),
     * so cur_len = 0 and the third entry starts a new segment one granule further on: 2 segments, 12 KiB of IOVA.
     */
    @Test
    void shortEntryInTheMiddleEndsItsIovaSegment() {
        Mapping m = map("sg:4KiB,512,4KiB", MapApi.SG, IommuMode.DMA);
        assertTrue(m.verdict().isOk(), m.verdict().toString());
        assertEquals(3, m.inputs().count(), "the entries as given");
        assertEquals(512, m.inputs().length(1));
        DmaSegments s = m.segments();
        assertEquals(2, s.count());
        assertEquals(4096 + 512, s.length(0));
        assertEquals(4096, s.length(1));
        assertEquals(s.address(0) + 2 * 4096, s.address(1), "the short entry's granule is padding in IOVA");
        assertEquals(3 * 4096, m.iovaAllocations().get(0).bytes(), "one allocation of three granules");
        assertTrue(m.steps().stream().anyMatch(st -> st.title().equals("Short entries and IOVA padding")));
    }

    /**
     * SG-SHORT-2 (iommu_dma_map_sg: s_iova_off = iova_offset(s->offset)): an entry starting 0x200 into its page
     * cannot join the segment before it (s_iova_off != 0), and its DMA address keeps the offset.
     */
    @Test
    void entryStartingInsideAPageStartsItsOwnSegmentAtTheOffset() {
        Mapping m = map("sg:4KiB,512+0x200,4KiB", MapApi.SG, IommuMode.DMA);
        DmaSegments s = m.segments();
        assertEquals(3, s.count(), "4 KiB | 512 at +0x200 | 4 KiB");
        assertEquals(s.address(0) + 4096 + 0x200, s.address(1));
        assertEquals(512, s.length(1));
        assertEquals(s.address(0) + 2 * 4096, s.address(2));
    }

    /** SG-SHORT-3 (dma_direct_map_sg): without an IOMMU nothing merges: one segment per entry, at its address. */
    @Test
    void dmaDirectMapsEveryEntryOnItsOwn() {
        Mapping m = map("sg:4KiB,512+0x200,4KiB", MapApi.SG, IommuMode.OFF);
        DmaSegments s = m.segments();
        assertEquals(3, s.count());
        for (int i = 0; i < 3; i++) assertEquals(m.inputs().phys(i), s.address(i), "identity map, entry " + i);
        assertEquals(512, s.length(1));
        assertEquals(0x200, m.inputs().phys(1) & 0xFFF);
    }

    /** An entry at a physical address is mapped there: its offset is the address's low 12 bits. */
    @Test
    void entryAtAnAddressKeepsIt() {
        Mapping m = map("sg:4KiB,100@0x100000f00,4KiB", MapApi.SG, IommuMode.OFF);
        assertEquals(0x1_0000_0F00L, m.segments().address(1));
        assertEquals(100, m.segments().length(1));
    }

    /**
     * SG-SHORT-4 (R-BLK-4, bvec_gap_to_prev / the NVMe 4 KiB virt boundary): in a block request a vector that
     * does not end on the boundary cannot be followed by another one, so the request is split there; the NIC
     * has no virt boundary and keeps one request.
     */
    @Test
    void nvmeVirtBoundarySplitsTheRequestAfterTheShortEntry() {
        Mapping nvme = map(NVME, "sg:4KiB,512+0x200,4KiB", MapApi.BLOCK, IommuMode.DMA, KernelProfile.MAINLINE,
                MappingEngineTest.NO_P2P);
        assertTrue(nvme.verdict().isOk(), nvme.verdict().toString());
        assertTrue(nvme.verdict().kernelReturn().startsWith("3 request"), nvme.verdict().kernelReturn());
    }

    /**
     * MIX-1 (iommu_dma_map_sg): host RAM, BUS_ADDR P2P memory, host RAM through the IOMMU: the P2P entry keeps
     * its bus address and the SG_DMA_BUS_ADDRESS mark and takes no IOVA; the host entries share one IOVA range.
     */
    @Test
    void mixedListBusAddressEntryBesideIovaEntries() {
        Mapping m = map(NIC, "sg:8KiB,8KiB@" + P2P + ",8KiB", MapApi.SG, IommuMode.DMA, KernelProfile.MAINLINE,
                (p, c) -> P2pMapType.BUS_ADDR);
        assertTrue(m.verdict().isOk(), m.verdict().toString());
        assertTrue(m.pinned().mixed());
        DmaSegments s = m.segments();
        assertEquals(3, s.count());
        assertTrue(s.has(0, DmaSegments.IOVA));
        assertTrue(s.has(1, DmaSegments.BUS));
        assertFalse(s.has(1, DmaSegments.IOVA));
        assertTrue(s.has(2, DmaSegments.IOVA));
        assertEquals(m.pinned().entries().provider(1).busAddress(m.inputs().phys(1)), s.address(1));
        assertEquals(2 * 8192, m.iovaAllocations().get(0).bytes(), "the P2P entry takes no IOVA");
        assertEquals(s.address(0) + 8192, s.address(2), "the host entries are neighbours in IOVA");
    }

    /**
     * MIX-2 (dma_direct_map_sg, THRU_HOST_BRIDGE, per profile): 6.15 maps the entry's CPU physical address;
     * 6.16 – 7.0 leave its dma_address unset (a25e7962db0d's break); 7.1 maps it again (560000d619ef).
     * The host entries are mapped in every profile.
     */
    @Test
    void mixedListThroughHostBridgeWithoutIommuFollowsTheProfile() {
        String spec = "sg:4KiB,4KiB@" + P2P + ",4KiB";
        P2pMapTypeSource thru = (p, c) -> P2pMapType.THRU_HOST_BRIDGE;
        Mapping v612 = map(NIC, spec, MapApi.SG, IommuMode.OFF, KernelProfile.V6_12, thru);
        Mapping v70 = map(NIC, spec, MapApi.SG, IommuMode.OFF, KernelProfile.V7_0, thru);
        Mapping v71 = map(NIC, spec, MapApi.SG, IommuMode.OFF, KernelProfile.V7_1, thru);
        for (Mapping m : new Mapping[] {v612, v70, v71}) {
            assertEquals(3, m.segments().count());
            assertEquals(m.inputs().phys(0), m.segments().address(0));
            assertEquals(m.inputs().phys(2), m.segments().address(2));
        }
        assertEquals(v612.inputs().phys(1), v612.segments().address(1));
        assertTrue(v70.segments().has(1, DmaSegments.UNSET), "6.16-7.0: no DMA address for the P2P entry");
        assertFalse(v71.segments().has(1, DmaSegments.UNSET));
        assertEquals(v71.inputs().phys(1), v71.segments().address(1), "7.1: the CPU physical address again");
    }

    /** MIX-3 (iommu_dma_map_sg): THRU_HOST_BRIDGE entries go through the IOMMU like host RAM, in one IOVA range. */
    @Test
    void mixedListThroughHostBridgeWithIommuIsOneIovaRange() {
        Mapping m = map(NIC, "sg:4KiB,4KiB@" + P2P + ",4KiB", MapApi.SG, IommuMode.DMA, KernelProfile.V7_0,
                (p, c) -> P2pMapType.THRU_HOST_BRIDGE);
        assertEquals(1, m.segments().count(), "whole pages merge into one IOVA segment");
        assertEquals(3 * 4096, m.segments().length(0));
        assertTrue(m.segments().has(0, DmaSegments.IOVA));
    }

    /** A mixed list is mapped through dma_map_sg only: the other APIs are refused with a sentence. */
    @Test
    void mixedListOnAnotherApiIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map(NIC,
                "sg:4KiB,4KiB@" + P2P, MapApi.PHYS, IommuMode.DMA, KernelProfile.MAINLINE,
                (p, c) -> P2pMapType.BUS_ADDR));
        assertTrue(e.getMessage().contains("dma_map_sg only"), e.getMessage());
    }
}
