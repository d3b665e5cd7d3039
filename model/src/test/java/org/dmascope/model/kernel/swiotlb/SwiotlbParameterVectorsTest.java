package org.dmascope.model.kernel.swiotlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.dma.SwiotlbActivation;
import org.dmascope.model.kernel.fixtures.Samples;
import org.dmascope.model.kernel.platform.KernelCommandLine;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.platform.SwiotlbParameter;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * R-CMD-8 {@code swiotlb=} (kernel/dma/swiotlb.c {@code setup_io_tlb_npages}, read in v5.4.273, v5.15.85 and
 * v6.19.0) with what it does in R-TLB-1 (sizing) and R-DIR-6 (activation): research notes section 5.3, TLB-1 … TLB-14
 * (16 possible CPUs unless stated).
 */
class SwiotlbParameterVectorsTest {
    private static final long START = 0x5000_0000L;

    private static SwiotlbParameter p(String value, KernelProfile k) {
        return KernelCommandLine.parse("swiotlb=" + value, k, true).swiotlb();
    }

    private static SwiotlbSizing size(SwiotlbParameter p, int cpus) {
        return SwiotlbSizing.atBoot(START, p.nslabs().orElse(32768), p.nareas(), cpus, true, false);
    }

    @Test
    void tlb1To5SlabsAreRoundedTo128ThenToAPowerOfTwo() {
        SwiotlbSizing def = size(SwiotlbParameter.NONE, 16);
        assertEquals(32768, def.nslabs(), "TLB-1: 64 MiB");
        assertEquals(16, def.nareas());
        assertEquals(65536, size(p("65536", KernelProfile.MAINLINE), 16).nslabs(), "TLB-2");
        assertEquals(OptionalLong.of(1024), p("1000", KernelProfile.MAINLINE).nslabs(), "ALIGN(1000, 128)");
        assertEquals(2048, size(p("1000", KernelProfile.MAINLINE), 16).nslabs(), "TLB-3: 16 areas × 128");
        assertEquals(131072, size(p("100000", KernelProfile.MAINLINE), 16).nslabs(), "TLB-4");
        assertEquals(131072, size(p("100000", KernelProfile.MAINLINE), 1).nslabs(), "TLB-5: one area rounds too");
        assertEquals(100096, SwiotlbSizing.atBoot(START, 100096, OptionalInt.empty(), 1, false, false).nslabs(),
                "before v6.0: no areas, no power of two");
    }

    @Test
    void tlb6And7TheAreaCount() {
        SwiotlbParameter six = p("65536,3", KernelProfile.MAINLINE);
        assertEquals(OptionalInt.of(4), six.nareas(), "TLB-6: area num 4");
        SwiotlbSizing s = size(six, 16);
        assertEquals(65536, s.nslabs());
        assertEquals(4, s.nareas());
        assertEquals(OptionalInt.of(1), p("65536,0", KernelProfile.MAINLINE).nareas(), "TLB-7");
    }

    @Test
    void tlb8To11ForceAndNoforceMustBeTheWholeRest() {
        SwiotlbParameter hex = p("0x8000,force", KernelProfile.MAINLINE);
        assertEquals(OptionalLong.of(32768), hex.nslabs(), "TLB-8: base 0");
        assertTrue(hex.forced());
        assertTrue(p("force", KernelProfile.MAINLINE).forced(), "TLB-9");
        assertTrue(p("noforce", KernelProfile.MAINLINE).noforce(), "TLB-10");
        assertFalse(p("force,65536", KernelProfile.MAINLINE).forced(), "TLB-11");
        assertFalse(p("forced", KernelProfile.MAINLINE).forced());
        assertFalse(p("65536,4,2,force", KernelProfile.MAINLINE).forced());
        SwiotlbParameter glued = p("65536force", KernelProfile.MAINLINE);
        assertEquals(OptionalLong.of(65536), glued.nslabs());
        assertTrue(glued.forced(), "no comma needed: after the number the rest is 'force'");
        SwiotlbParameter both = KernelCommandLine.parse("swiotlb=force swiotlb=noforce").swiotlb();
        assertFalse(both.forced(), "v6.x: noforce wins over force");
    }

    @Test
    void tlb12And13TheV5Forms() {
        SwiotlbParameter v515 = p("65536,4,force", KernelProfile.V5_15);
        assertEquals(OptionalLong.of(65536), v515.nslabs());
        assertFalse(v515.forced(), "TLB-12: '4,force' is not 'force'");
        assertEquals(OptionalInt.empty(), v515.nareas());
        SwiotlbParameter v54 = p("noforce", KernelProfile.V5_4);
        assertTrue(v54.noforce(), "TLB-13");
        assertEquals(OptionalLong.of(1), v54.nslabs(), "and one slab");
        assertTrue(KernelCommandLine.parse("swiotlb=force swiotlb=noforce swiotlb=force", KernelProfile.V5_15, true)
                .swiotlb().forced(), "v5.x: one setting, the last wins");
    }

    @Test
    void tlb14IommuOffLeavesNoPoolAndIommuSoftMakesOne() {
        Topology t = Samples.switchP2pServer();
        long bigRam = 0x10_0000_0000L;
        assertTrue(decide(t, "quiet", bigRam).active());
        assertFalse(decide(t, "iommu=off swiotlb=65536", bigRam).active(), "TLB-14");
        assertTrue(decide(t, "iommu=soft", 0x7FFF_FFFFL).active(), "iommu=soft: a pool below 4 GiB too");
        assertTrue(decide(t, "swiotlb=force", 0x7FFF_FFFFL).forceBounce(), "TLB-9");
        assertFalse(decide(t, "swiotlb=noforce", bigRam).active(), "TLB-10");
    }

    private static SwiotlbActivation.Decision decide(Topology t, String line, long lastRam) {
        return SwiotlbActivation.decide(PlatformAssumptions.resolve(t, PlatformOverrides.NONE.withCommandLine(line)),
                lastRam);
    }
}
