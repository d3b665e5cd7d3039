package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/** The pin step: deterministic, realistic placement inside the node's RAM, never reusing a page. */
class BufferPinnerTest {
    static final Topology T = Samples.switchP2pServer();
    static final AddressRange POOL = AddressRange.ofSize(0x5C00_0000L, 64L << 20);

    static PinnedBuffer pin(String spec) {
        return BufferPinner.pin(BufferSpecParser.parse(spec), T, POOL);
    }

    static boolean inRam(long page) {
        NumaNode n = T.numaNodes().get(0);
        return n.memory().stream().anyMatch(r -> r.contains(AddressRange.ofSize(page, 4096)));
    }

    @Test
    void scatteredPagesAreDeterministicDistinctInRamAndOutsideThePool() {
        PinnedBuffer a = pin("host:node0:8MiB:scattered:seed=11");
        PinnedBuffer b = pin("host:node0:8MiB:scattered:seed=11");
        assertArrayEquals(a.pages(), b.pages(), "same seed, same pages");
        assertTrue(!java.util.Arrays.equals(a.pages(), pin("host:node0:8MiB:scattered:seed=12").pages()));
        Set<Long> seen = new HashSet<>();
        int runs = 0;
        for (int i = 0; i < a.pageCount(); i++) {
            long p = a.page(i);
            assertTrue(seen.add(p), "page used twice");
            assertTrue(inRam(p));
            assertTrue(p >= 1 << 20, "never the first MiB");
            assertTrue(!POOL.contains(p), "never the swiotlb pool");
            if (i > 0 && p == a.page(i - 1) + 4096) runs++;
        }
        assertEquals(2048, a.pageCount());
        assertTrue(runs > 200 && runs < 1000, "some neighbours, mostly scattered: " + runs);
        assertEquals(a.pageCount() - runs, a.phyr().count());
    }

    @Test
    void offsetAndSizeGiveThePageCountAndRanges() {
        PinnedBuffer b = pin("host:node0:0x1000:contiguous:offset=0x800");
        assertEquals(2, b.pageCount());
        assertEquals(0x800, b.offset());
        assertEquals(1, b.phyr().count());
        assertEquals(b.page(0) + 0x800, b.phyr().addr(0));
        assertEquals(0x1000, b.phyr().len(0));
    }

    @Test
    void hugePagesAreAlignedAndContiguousInside() {
        PinnedBuffer b = pin("host:node0:6MiB:huge2m:seed=3:offset=0x1000");
        assertEquals(1536, b.pageCount());
        assertEquals(0, (b.page(510) + 4096) % (2 << 20),
                "page 510 ends the first huge page (the buffer starts in its second 4 KiB)");
        for (int i = 1; i < 511; i++) assertEquals(b.page(i - 1) + 4096, b.page(i));
        assertEquals(0x1000, b.page(0) % (2 << 20), "the buffer starts 4 KiB into its first huge page");
        PinnedBuffer g = pin("host:node0:1GiB:huge1g");
        assertEquals(0, g.page(0) % (1L << 30));
        assertEquals(1, g.phyr().count());
    }

    @Test
    void explicitPagesMustBeRamOfTheNode() {
        PinnedBuffer b = pin("host:node0:8KiB:pages=0x100000000,0x100002000");
        assertEquals(2, b.phyr().count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pin("host:node0:4KiB:pages=0xc0000000"));
        assertTrue(e.getMessage().contains("not System RAM of node 0"));
    }

    @Test
    void barBufferUsesTheProvidersRegisteredMemory() {
        PinnedBuffer b = pin("bar:0000:05:00.0:2:offset=0x2000:64KiB");
        assertTrue(b.isP2p());
        assertEquals(0x38_4000_2000L, b.page(0));
        assertEquals(16, b.pageCount());
        assertEquals(0, b.provider().busOffset(), "x86 windows have offset 0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pin("bar:0000:05:00.0:2:offset=0x10000000:4KiB"));
        assertTrue(e.getMessage().contains("runs past the end of BAR 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> pin("bar:0000:05:00.0:0:4KiB"));
        assertTrue(e.getMessage().contains("this BAR has none"), e.getMessage());
    }

    @Test
    void aDenseScatteredBufferIsPlacedByRandomPicksWithoutClashes() {
        Topology small = Samples.noIommu32BitDevice();
        PinnedBuffer b = BufferPinner.pin(BufferSpecParser.parse("host:node0:1GiB:scattered:seed=4"), small, null);
        assertEquals(262144, b.pageCount());
        long[] p = b.pages();
        java.util.Arrays.sort(p);
        for (int i = 1; i < p.length; i++) assertTrue(p[i] != p[i - 1], "page used twice");
    }

    @Test
    void tooMuchScatteredMemoryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pin("host:node0:60GiB:scattered"));
        assertTrue(e.getMessage().contains("too little RAM"), e.getMessage());
    }

    @Test
    void aSizeNearTwoToTheSixtyThreeIsRefusedNotWrappedToOnePage() {
        // The page count was (offset + size + 4095) / 4096: past 2^63 it wrapped, and 8 EiB pinned one page.
        for (String size : new String[] {"0x7fffffffffffffff", "0x7ffffffffffff000", "5TiB"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pin("host:node0:" + size + ":contiguous"));
            assertTrue(e.getMessage().startsWith("buffer too large to model page by page"), e.getMessage());
        }
    }
}
