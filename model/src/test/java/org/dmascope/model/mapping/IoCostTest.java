package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.TopologyRules;
import org.dmascope.model.kernel.nvme.NvmeDescriptors;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

class IoCostTest {
    private static final Bdf NVME = Bdf.parse("0000:07:00.0");

    private static List<IoCost> costs(String spec, IommuMode mode, KernelProfile k) {
        Topology t = DmaBufMappingTest.sample("switch-p2p-server.json");
        TopologyRules rules = TopologyRules.of(t,
                PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withProfile(k)));
        TopologyMappingRules r = new TopologyMappingRules(rules);
        MapRequest req = r.request(t, t.function(NVME).orElseThrow(), BufferSpecParser.parse(spec))
                .iommuMode(mode).build();
        return IoCost.of(new MappingEngine(r), req);
    }

    /**
     * 1 MiB of scattered 4 KiB pages for an NVMe controller in a strict IOMMU domain, by hand: dma_map_sg
     * allocates one 1 MiB IOVA range and writes 256 4 KiB entries, one map and one unmap call, one IOTLB
     * invalidation at unmap; the one 1 MiB segment takes 256 PRP entries, PRP1 in the command and 255 in one list
     * page, or a single SGL descriptor in the command. The block layer cuts 1 MiB at the NVMe 128 KiB cap into 8
     * requests, each linked into its own IOVA range: 8 allocations, 8 unmaps, 8 invalidations, and 8 commands of
     * 32 PRPs with one list page each. Premapped, an I/O costs nothing but its descriptors.
     */
    @Test
    void oneMebibyteOfFourKibPagesThroughAStrictIommu() {
        List<IoCost> c = costs("host:node0:1MiB:scattered", IommuMode.DMA, KernelProfile.MAINLINE);
        assertEquals(List.of("dma_map_sg", "block request", "dma_iova_link", "premapped dma-buf"),
                c.stream().map(IoCost::path).toList());
        IoCost sg = c.get(0);
        assertEquals(1, sg.iovaAllocs());
        assertEquals(256, sg.ptes());
        assertEquals(1, sg.invalidations());
        assertEquals(1, sg.mapCalls());
        assertEquals(1, sg.unmapCalls());
        assertEquals(new NvmeDescriptors.Result(256, 1, 1, 0), sg.nvme());
        IoCost block = c.get(1);
        assertEquals(8, block.iovaAllocs());
        assertEquals(256, block.ptes());
        assertEquals(8, block.invalidations());
        assertEquals(new NvmeDescriptors.Result(256, 8, 8, 0), block.nvme());
        IoCost iova = c.get(2);
        assertEquals(1, iova.iovaAllocs());
        assertEquals(256, iova.ptes());
        assertEquals(1, iova.unmapCalls());
        IoCost pre = c.get(3);
        assertEquals(0, pre.iovaAllocs() + pre.ptes() + pre.invalidations() + pre.mapCalls() + pre.unmapCalls());
        assertEquals(new NvmeDescriptors.Result(256, 1, 1, 0), pre.nvme());
    }

    @Test
    void aFlushQueueDefersTheInvalidationsAndOldKernelsLackTheNewPaths() {
        List<IoCost> lazy = costs("host:node0:1MiB:scattered", IommuMode.DMA_FQ, KernelProfile.MAINLINE);
        assertEquals(0, lazy.get(0).invalidations());
        List<IoCost> old = costs("host:node0:1MiB:scattered", IommuMode.DMA, KernelProfile.V6_12);
        assertEquals("dma_iova_try_alloc is not in Linux 6.12 (since 6.16)", old.get(2).refusal().orElseThrow());
        assertEquals("io_uring dma-buf registered buffers is not in Linux 6.12 (since 7.4)",
                old.get(3).refusal().orElseThrow());
    }

    /** R-NVME-1 vectors: PRP rules of nvme_pci_setup_prps. */
    @Test
    void nvmeDescriptorVectors() {
        // 8 KiB starting 0x200 into a page touches 3 controller pages: PRP1, PRP2 → a list with 2 entries
        assertEquals(new NvmeDescriptors.Result(3, 1, 1, 0), NvmeDescriptors.of(new long[] {0x10200},
                new long[] {0x2000}, 1));
        // two pages: both in the command
        assertEquals(new NvmeDescriptors.Result(2, 0, 1, 0), NvmeDescriptors.of(new long[] {0x10000},
                new long[] {0x2000}, 1));
        // 4 MiB = 1024 pages: PRP1 and 1023 in lists: 511 + a chain entry, then the last 512: 2 list pages
        assertEquals(new NvmeDescriptors.Result(1024, 2, 1, 0), NvmeDescriptors.of(new long[] {0x100000},
                new long[] {4L << 20}, 1));
        // a second segment that does not start on a page: no PRPs, two SGL descriptors in a list
        assertEquals(new NvmeDescriptors.Result(-1, 0, 2, 32), NvmeDescriptors.of(new long[] {0x10000, 0x20200},
                new long[] {0x1000, 0x1000}, 2));
    }

    private static int requests(String spec, BlockQueueInputs q) {
        Topology t = DmaBufMappingTest.sample("switch-p2p-server.json");
        TopologyRules rules = TopologyRules.of(t, PlatformAssumptions.resolve(t, PlatformOverrides.NONE));
        TopologyMappingRules r = new TopologyMappingRules(rules);
        MapRequest req = r.request(t, t.function(NVME).orElseThrow(), BufferSpecParser.parse(spec))
                .iommuMode(IommuMode.DMA).api(MapApi.BLOCK).queue(q).build();
        Mapping m = new MappingEngine(r).map(req, new DmaState());
        return Integer.parseInt(m.steps().stream().filter(s -> s.kind() == StepKind.BLOCK).findFirst().orElseThrow()
                .outputs().get("requests"));
    }

    /**
     * The queue's limits as the machine sets them: 1 MiB for the NVMe controller through dma-iommu is cut at
     * max_hw_sectors = min(NVME_MAX_BYTES, dma_opt_mapping_size = 128 KiB) into 8 requests; max_sectors_kb=64 cuts
     * it into 16; MDTS 3 (2^3 pages of 4 KiB = 32 KiB, nvme_init_ctrl_finish) into 32; a max_sectors_kb above
     * max_hw_sectors_kb is clamped (blk_validate_limits), below a page refused.
     */
    @Test
    void mdtsAndMaxSectorsKbReplaceTheBuiltInCaps() {
        String mib = "host:node0:1MiB:scattered";
        assertEquals(8, requests(mib, BlockQueueInputs.NONE));
        assertEquals(16, requests(mib, new BlockQueueInputs(OptionalInt.empty(), OptionalLong.of(64))));
        assertEquals(32, requests(mib, new BlockQueueInputs(OptionalInt.of(3), OptionalLong.empty())));
        assertEquals(8, requests(mib, new BlockQueueInputs(OptionalInt.of(0), OptionalLong.of(4096))),
                "MDTS 0 is no limit; 4096 KiB is clamped to max_hw_sectors_kb");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> requests(mib, new BlockQueueInputs(OptionalInt.empty(), OptionalLong.of(2))));
        assertEquals("max_sectors_kb 2 is below one page: writing it returns -EINVAL (blk_validate_limits)",
                e.getMessage());
    }

    @Test
    void aDmaBufImportedByAnRdmaNicIsPremappedFrom619() {
        Topology t = DmaBufMappingTest.sample("switch-p2p-server.json");
        TopologyRules rules = TopologyRules.of(t,
                PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withProfile(KernelProfile.V6_19)));
        TopologyMappingRules r = new TopologyMappingRules(rules);
        MapRequest req = r.request(t, t.function(Bdf.parse("0000:06:00.0")).orElseThrow(),
                BufferSpecParser.parse("dmabuf:03:00.0:bar1:2MiB")).build();
        List<IoCost> c = IoCost.of(new MappingEngine(r), req);
        assertEquals(1, c.size());
        assertTrue(c.get(0).refusal().isEmpty(), c.get(0).toString());
        assertEquals(1, c.get(0).segments());
        assertEquals(0, c.get(0).mapCalls());
    }
}
