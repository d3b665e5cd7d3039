package org.dmascope.model.designs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.dmascope.model.kernel.fixtures.Samples;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.topology.Bdf;
import org.junit.jupiter.api.Test;

/**
 * The design lab on the default sample (switch-p2p-server.json), figures computed by hand from the
 * buffer's shape. The kernel's own facts (entries of its scatterlist, DMA segments, map type, verdict) come
 * from the engine and are checked here only where the arithmetic below depends on them.
 */
class DesignLabTest {
    static final Bdf NVME = Bdf.parse("0000:07:00.0");
    static final Bdf NIC = Bdf.parse("0000:06:00.0");
    static final String CMB = "bar:0000:05:00.0:2:64KiB";

    static DesignReport lab(PlatformOverrides platform, Bdf initiator, String... specs) {
        KernelSession s = KernelSession.boot(Samples.switchP2pServer(), platform);
        List<MapCall> calls = Arrays.stream(specs)
                .map(b -> new MapCall(initiator, BufferSpecParser.parse(b), MapOptions.DEFAULTS)).toList();
        DesignMapping m = DesignMapping.map(s, calls);
        return new DesignLab().evaluate(m.input().orElseThrow(() -> new AssertionError(m.problem())));
    }

    static long fig(DesignReport r, String design, String figure) {
        return r.design(design).orElseThrow().figure(figure).orElseThrow().number();
    }

    static Object val(DesignReport r, String design, String figure) {
        return r.design(design).orElseThrow().figure(figure).orElseThrow().value();
    }

    /** Physically contiguous runs, counted from the pinned pages themselves. */
    static int runs(Mapping m) {
        long[] p = m.pinned().pages();
        int runs = 1;
        for (int i = 1; i < p.length; i++) if (p[i] != p[i - 1] + 4096) runs++;
        return runs;
    }

    @Test
    void oneGibOfScatteredPages() {
        DesignReport r = lab(PlatformOverrides.NONE, NVME, "host:node0:1GiB:scattered");
        DesignInput in = r.input();
        // 1 GiB / 4 KiB = 262144 pages; the seed-1 placement leaves them in R runs, counted from the pages.
        assertEquals(262144, in.pages());
        int runs = runs(in.parts().get(0));
        assertEquals(196849, runs);
        assertEquals(runs, in.ranges());
        // The kernel (engine): one entry per run (no run reaches 0xfffff000), one IOVA-contiguous segment.
        assertEquals(runs, in.kernelSgEntries());
        assertEquals(1, in.dmaSegments());

        // Q1 scatterlist: chains = (196849 - 2) / 127 = 1549 (1550 page arrays of 128, each but the last
        // giving a slot to the link); bytes = (196849 + 1549) * 32 = 198398 * 32 = 6348736.
        assertEquals(1549, fig(r, "scatterlist", "chains"));
        assertEquals(6_348_736, fig(r, "scatterlist", "bytes"));
        // GUP fills 262144 page pointers first: 262144 * 8 = 2097152 bytes.
        assertEquals(2_097_152, fig(r, "scatterlist", "pageArrayBytes"));
        // every dma_address/dma_length after the single segment is unused: 2 * (196849 - 1) = 393696.
        assertEquals(393_696, fig(r, "scatterlist", "unusedFields"));
        // phys_vec / bio_vec / phy_range: 196849 entries * 16 = 3149584 bytes, no splits (4 KiB..32 KiB runs).
        for (String d : List.of("phys_vec", "bio_vec", "phy_range")) {
            assertEquals(196_849, fig(r, d, "entries"), d);
            assertEquals(3_149_584, fig(r, d, "bytes"), d);
            assertEquals(0, fig(r, d, "lengthSplits"), d);
            assertEquals(0, fig(r, d, "unusedFields"), d);
        }
        // bio_vec packed without the flag: 196849 * 12 = 2362188.
        assertEquals(2_362_188, fig(r, "bio_vec", "packedBytes"));
        // neoscat (size_t lengths, as Wilcox spelled it): 196849 * 32 = 6299168 bytes, and the same 393696
        // dead DMA fields as the scatterlist.
        assertEquals(6_299_168, fig(r, "neoscat", "bytes"));
        assertEquals(393_696, fig(r, "neoscat", "unusedFields"));

        // Q2: one dma_range of 16 bytes; the scatterlist spends 16 DMA bytes in each of 196849 entries = 3149584.
        assertEquals(1, fig(r, "dma_range-array", "dmaRanges"));
        assertEquals(16, fig(r, "dma_range-array", "bytes"));
        assertEquals(0, fig(r, "dma_range-chain", "chains"));
        assertEquals(3_149_584, fig(r, "sg-dma-fields", "bytes"));
        assertEquals(1549, fig(r, "sg-dma-fields", "chains"));
        assertEquals(false, val(r, "sg-dma-fields", "mixed"));

        // Q3, host memory only: the tagging designs pay on every entry: 1 bit -> ceil(196849 / 8) = 24607 bytes,
        // 4 bits -> ceil(196849 / 2) = 98425, a pointer -> 196849 * 8 = 1574792; nobody looks a provider up,
        // but the pgmap design still reads each of the 196849 entries' struct page.
        assertEquals(24_607, fig(r, "flag-interval-tree", "extraBytes"));
        assertEquals(98_425, fig(r, "provider-id-4bit", "extraBytes"));
        assertEquals(1_574_792, fig(r, "provider-pointer", "extraBytes"));
        assertEquals(0, fig(r, "flag-interval-tree", "lookups"));
        assertEquals(196_849, fig(r, "pgmap", "lookups"));
        assertEquals(0, fig(r, "p2pdma_provider", "lookups"));
        // the sample registers one P2P BAR (05:00.0 BAR 2): within 4 bits' 16.
        assertEquals(1, fig(r, "provider-id-4bit", "machineProviders"));
        assertEquals(true, val(r, "provider-id-4bit", "fitsMachine"));

        // Q4 nothing unreachable; Q6 all 1073741824 bytes CPU-readable page-backed, none DMA-only.
        assertEquals(0, fig(r, "bounce", "bounceBytes"));
        assertEquals(1L << 30, fig(r, "page-backed", "cpuReadableBytes"));
        assertEquals(0, fig(r, "dma-only", "cpuReadableBytes"));
        assertEquals(4, fig(r, "dma-only", "consumersBroken"));
        // the entries tables hold one row per entry
        assertEquals(196_849, r.design("phys_vec").orElseThrow().entries().rows());
        assertEquals(196_849, r.design("scatterlist").orElseThrow().entries().rows());
    }

    @Test
    void sixGibContiguousIsSplitByAU32Length() {
        DesignReport r = lab(PlatformOverrides.NONE, NVME, "host:node0:6GiB:contiguous");
        DesignInput in = r.input();
        // 6 GiB / 4 KiB = 1572864 pages in one run of 0x180000000 bytes.
        assertEquals(1_572_864, in.pages());
        assertEquals(1, in.ranges());
        // A u32 length holds at most 0xfffff000 (UINT_MAX down to a page): 0x180000000 needs 2 entries,
        // 0xfffff000 + 0x80001000, so one split; the kernel's sg_alloc_table_from_pages splits the same way
        // for the NVMe's 0xffffffff max segment.
        assertEquals(2, in.kernelSgEntries());
        for (String d : List.of("bio_vec", "phy_range")) {
            assertEquals(2, fig(r, d, "entries"), d);
            assertEquals(1, fig(r, d, "lengthSplits"), d);
        }
        // neoscat's size_t lengths hold the run whole, as phys_vec's do.
        assertEquals(1, fig(r, "neoscat", "entries"));
        assertEquals(0, fig(r, "neoscat", "lengthSplits"));
        assertEquals(1, fig(r, "scatterlist", "lengthSplits"));
        // phys_vec's size_t length: one 16-byte entry.
        assertEquals(1, fig(r, "phys_vec", "entries"));
        assertEquals(16, fig(r, "phys_vec", "bytes"));
        // bytes: scatterlist 2 * 32 = 64, bio_vec 2 * 16 = 32, neoscat 1 * 32 = 32; page pointers 1572864 * 8.
        assertEquals(64, fig(r, "scatterlist", "bytes"));
        assertEquals(32, fig(r, "bio_vec", "bytes"));
        assertEquals(32, fig(r, "neoscat", "bytes"));
        assertEquals(12_582_912, fig(r, "scatterlist", "pageArrayBytes"));
        EntryTable t = r.design("phy_range").orElseThrow().entries();
        assertEquals("0xfffff000", t.cell(0, 3));
        assertEquals("0x80001000", t.cell(1, 3));
        // The engine refuses this mapping on this device (its verdict, not the lab's): no DMA segment, so
        // every DMA field of the 2 scatterlist entries is unused: 2 * 2 = 4 (neoscat's one entry: 2).
        assertFalse(in.kernelMapped());
        assertEquals(0, in.dmaSegments());
        assertEquals(4, fig(r, "scatterlist", "unusedFields"));
        assertEquals(2, fig(r, "neoscat", "unusedFields"));
        assertEquals(0, fig(r, "dma_range-array", "dmaRanges"));
    }

    @Test
    void hostRamAndP2pMemoryInOneBuffer() {
        // 1 MiB of scattered host pages then 64 KiB of the NVMe CMB (05:00.0 BAR 2), for the NIC under the
        // same switch: the engine maps the host part through the IOMMU and the CMB part by bus address.
        DesignReport r = lab(PlatformOverrides.NONE, NIC, "host:node0:1MiB:scattered", CMB);
        DesignInput in = r.input();
        assertTrue(in.mixed());
        assertEquals(List.of(P2pMapType.NONE, P2pMapType.BUS_ADDR), in.mapTypes());
        // pages: 1 MiB / 4 KiB = 256 host + 64 KiB / 4 KiB = 16 P2P = 272; bytes 1048576 + 65536 = 1114112.
        assertEquals(272, in.pages());
        assertEquals(1_114_112, in.bytes());
        int hostRuns = runs(in.parts().get(0));
        assertEquals(192, hostRuns);
        // ranges: 192 host runs + 1 CMB run = 193; the kernel's list the same 193 entries (a P2P page never
        // merges with a host page), 193 > 128 so one chain: (193 - 2) / 127 = 1; bytes (193 + 1) * 32 = 6208.
        assertEquals(193, in.ranges());
        assertEquals(193, in.kernelSgEntries());
        assertEquals(1, fig(r, "scatterlist", "chains"));
        assertEquals(6_208, fig(r, "scatterlist", "bytes"));
        // Q2: one IOVA segment for the host part, one bus address for the CMB: 2 dma_ranges, mixed, 32 bytes;
        // the scatterlist leaves 2 * (193 - 2) = 382 DMA fields unused.
        assertEquals(2, fig(r, "dma_range-array", "dmaRanges"));
        assertEquals(1, fig(r, "dma_range-array", "busAddressRanges"));
        assertEquals(1, fig(r, "dma_range-array", "iovaRanges"));
        assertEquals(true, val(r, "dma_range-array", "mixed"));
        assertEquals(32, fig(r, "dma_range-array", "bytes"));
        assertEquals(382, fig(r, "sg-dma-fields", "unusedFields"));
        // Q1 bio_vec: 1 of the 193 entries carries the P2P flag.
        assertEquals(1, fig(r, "bio_vec", "p2pFlagged"));
        // Q3: one P2P entry: 1 look-up for the flag and the 4-bit id, none for a pointer; the pgmap design
        // reads all 193 pages and asks the map type once (host -> CMB); 16 P2P pages * 64 = 1024 bytes of
        // struct page; the 6.19 provider object: 1 (the caller hands it over).
        assertEquals(1, fig(r, "flag-interval-tree", "lookups"));
        assertEquals(1, fig(r, "provider-id-4bit", "lookups"));
        assertEquals(0, fig(r, "provider-pointer", "lookups"));
        assertEquals(193, fig(r, "pgmap", "lookups"));
        assertEquals(1, fig(r, "pgmap", "mapTypeLookups"));
        assertEquals(1_024, fig(r, "pgmap", "memmapBytes"));
        assertEquals(1, fig(r, "p2pdma_provider", "lookups"));
        assertEquals("id 0", r.design("provider-id-4bit").orElseThrow().entries().cell(192, 4));
        // Q5: the orchestrator asks once per provider (1), the block layer once per provider change (1) and
        // checks all 193 entries.
        assertEquals(1, fig(r, "orchestrator", "mapTypeLookups"));
        assertEquals(1, fig(r, "block-layer", "mapTypeLookups"));
        assertEquals(193, fig(r, "block-layer", "perEntryChecks"));
        // Q6: the CPU reaches all 1114112 bytes of a page-backed list, 65536 of them by MMIO.
        assertEquals(1_114_112, fig(r, "page-backed", "cpuReadableBytes"));
        assertEquals(65_536, fig(r, "page-backed", "mmioBytes"));
    }

    @Test
    void oneExplicitListMixingHostRamAndP2pMemory() {
        // The same kind of buffer as one driver-built list (the engine's PinnedEntries, not parts): 64 KiB host,
        // 64 KiB of the CMB, 64 KiB host, mapped for the NIC in one dma_map_sg call.
        DesignReport r = lab(PlatformOverrides.NONE, NIC, "sg:64KiB,64KiB@0000:05:00.0/bar2,64KiB");
        DesignInput in = r.input();
        assertEquals(1, in.parts().size());
        assertTrue(in.mixed());
        assertEquals(65_536, in.p2pBytes());
        assertEquals(16, in.p2pPages());
        assertEquals(1, in.providers().size());
        assertEquals(1, in.providerChanges());
        // three ranges: a P2P entry never joins host entries, and host entries 0 and 2 are not neighbours in the
        // list; the kernel's list is the same three entries; __finalise_sg ends a segment at the bus-address
        // entry (cur_len = 0), so three DMA segments: IOVA, bus address, IOVA.
        assertEquals(3, in.ranges());
        assertEquals(1, in.p2pRanges());
        assertEquals(3, in.kernelSgEntries());
        assertEquals(3, in.dmaSegments());
        assertEquals(1, fig(r, "dma_range-array", "busAddressRanges"));
        assertEquals(2, fig(r, "dma_range-array", "iovaRanges"));
        assertEquals(true, val(r, "dma_range-array", "mixed"));
    }

    @Test
    void unreachableBarIsRefusedOrBounced() {
        // On 5.4 the NVMe 07:00.0 cannot reach the CMB (its host bridge was not yet on the whitelist): the
        // engine says NOT_SUPPORTED and refuses that part with EREMOTEIO.
        DesignReport r = lab(PlatformOverrides.NONE.withProfile(KernelProfile.V5_4), NVME,
                "host:node0:1MiB:scattered", CMB);
        assertEquals(List.of(P2pMapType.NONE, P2pMapType.NOT_SUPPORTED), r.input().mapTypes());
        assertEquals(List.of("ok", "EREMOTEIO"), r.input().kernelVerdicts());
        // 64 KiB unreachable; a bidirectional buffer bounces both ways: 2 * 65536 = 131072 bytes copied, by a
        // CPU of node 0 (05:00.0's node).
        assertEquals(65_536, fig(r, "refuse", "unreachableBytes"));
        assertEquals(true, val(r, "refuse", "refused"));
        assertEquals(0, fig(r, "refuse", "bounceBytes"));
        assertEquals(131_072, fig(r, "bounce", "bounceBytes"));
        assertTrue(((String) val(r, "bounce", "copyRunsOn")).startsWith("a CPU on NUMA node 0"));
    }

    /** A Message-ID as the archives print it: {@code <local@domain>}. */
    static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+@[^<>\\s]+>");

    @Test
    void theThreadsDesignsNameTheirMessagesOrSayTheyAreDmascopes() {
        DesignReport r = lab(PlatformOverrides.NONE.withProfile(KernelProfile.V5_4), NVME,
                "host:node0:1MiB:scattered", CMB);
        // Questions 3-5 follow the 2019 "Removing struct page from P2PDMA" messages: a design taken from one
        // names the message and argues in its author's words, a quotation; one that no message proposes says it
        // is dmascope's own, in its source and its argument, and no Message-ID passes for its origin.
        for (String quoted : List.of("bounce", "orchestrator", "flag-interval-tree")) {
            Design d = r.design(quoted).orElseThrow();
            assertTrue(d.source().startsWith("proposal, \"Removing struct page from P2PDMA\" thread, 2019 ("),
                    d.source());
            assertTrue(MESSAGE_ID.matcher(d.source()).find(), d.source());
            assertTrue(d.argument().length() > 2 && d.argument().startsWith("\"") && d.argument().endsWith("\""),
                    d.argument());
            assertFalse(d.source().contains("dmascope's"), d.source());
        }
        for (String ours : List.of("provider-id-4bit", "provider-pointer")) {
            Design d = r.design(ours).orElseThrow();
            assertTrue(d.source().startsWith("proposal, dmascope's "), d.source());
            assertTrue(d.argument().startsWith("dmascope's "), d.argument());
            assertTrue(d.fate().startsWith("Never proposed as such"), d.fate());
        }
        // what the lab draws for the bounce is the design that quotes the bounce's message
        String bounce = r.design(BounceThroughHost.KEY).orElseThrow().source();
        assertTrue(bounce.contains("<20190627063223.GA7736@ziepe.ca>"), bounce);
    }

    @Test
    void aPartTheMachineCannotMapIsAProblem() {
        KernelSession s = KernelSession.boot(Samples.switchP2pServer(), PlatformOverrides.NONE);
        DesignMapping m = DesignMapping.map(s, List.of(new MapCall(NVME, BufferSpecParser.parse(
                "bar:0000:07:00.0:0:4KiB"), MapOptions.DEFAULTS)));
        assertTrue(m.input().isEmpty());
        assertTrue(m.problem().orElseThrow().startsWith("bar:0000:07:00.0:0:4KiB: "), m.problem().get());
        assertThrows(IllegalArgumentException.class, () -> DesignInput.of(List.of()));
    }
}
