package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaParameterDefaults;
import org.dmascope.model.kernel.dma.DmaRangeMap;
import org.dmascope.model.kernel.dma.SwiotlbActivation;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.topology.Platform;
import org.junit.jupiter.api.Test;

/** R-MAP-4, R-DIR-6 and the stated defaults for what a topology leaves out. */
class PlatformDefaultsTest {
    @Test
    void unknownDmaParametersTakeThePciDefaultsAndSaySo() {
        PciFunction f = PciFunction.builder(Bdf.parse("00:01.0")).build();
        DeviceDma d = DmaParameterDefaults.resolve(f, DmaParameters.UNKNOWN, DmaRangeMap.IDENTITY);
        assertEquals(0xFFFF_FFFFL, d.dmaMask());
        assertEquals(65536, d.maxSegSize());
        assertEquals(0xFFFF_FFFFL, d.segBoundaryMask());
        assertEquals(0, d.minAlignMask());
        assertEquals(3, d.defaultsApplied().size());
        DeviceDma o = DmaParameterDefaults.resolve(f, new DmaParameters(OptionalInt.of(64), OptionalLong.of(1L << 20),
                OptionalLong.of(0xFFFF), OptionalLong.empty()), DmaRangeMap.IDENTITY);
        assertEquals(-1L, o.dmaMask());
        assertEquals(0xFFFF, o.segBoundaryMask());
        assertTrue(o.defaultsApplied().isEmpty());
    }

    @Test
    void iommuModeFromThePlatform() {
        assertEquals(IommuMode.DMA_FQ, IommuMode.fromPlatform(Samples.switchP2pServer().platform()).mode());
        assertEquals(IommuMode.OFF, IommuMode.fromPlatform(Samples.noIommu32BitDevice().platform()).mode());
        assertEquals(IommuMode.OFF, IommuMode.fromPlatform(Platform.UNKNOWN).mode());
        assertEquals(IommuMode.DMA, IommuMode.fromPlatform(Samples.offsetWindowMachine().platform()).mode());
        assertEquals(IommuMode.IDENTITY, IommuMode.parse("pt").orElseThrow());
        assertEquals(IommuMode.DMA_FQ, IommuMode.parse("lazy").orElseThrow());
    }

    @Test
    void swiotlbActivation() {
        Platform p = Samples.switchP2pServer().platform();
        assertTrue(decide(p, 0x10_0000_0000L).active());
        Platform guest = new Platform(p.architecture(), p.cpu(), p.iommu(), Platform.Swiotlb.UNKNOWN,
                Optional.of(Platform.MemoryEncryption.TDX_GUEST), Optional.empty());
        assertTrue(decide(guest, 0x7FFF_FFFFL).forceBounce());
        Platform small = new Platform(p.architecture(), p.cpu(), p.iommu(), Platform.Swiotlb.UNKNOWN, Optional.empty(),
                Optional.empty());
        assertFalse(decide(small, 0x7FFF_FFFFL).active());
        Platform noforce = new Platform(p.architecture(), p.cpu(), p.iommu(), p.swiotlb(), Optional.empty(),
                Optional.of("quiet swiotlb=noforce"));
        assertFalse(decide(noforce, 0x10_0000_0000L).active());
        Platform force = new Platform(p.architecture(), p.cpu(), p.iommu(), Platform.Swiotlb.UNKNOWN, Optional.empty(),
                Optional.of("swiotlb=65536,force"));
        assertTrue(decide(force, 0x7FFF_FFFFL).forceBounce());
    }

    /** R-DIR-6 for a platform's own facts and command line. */
    private static SwiotlbActivation.Decision decide(Platform p, long lastRam) {
        return SwiotlbActivation.decide(PlatformAssumptions.of(Samples.switchP2pServer().withPlatform(p)), lastRam);
    }

    @Test
    void geometryDefaultsAreStated() {
        List<String> notes = new ArrayList<>();
        assertTrue(IommuGeometries.of(Platform.Iommu.UNKNOWN, notes) instanceof VtdGeometry);
        assertEquals(2, notes.size());
        notes.clear();
        IommuGeometries.of(Samples.switchP2pServer().platform().iommu(), notes);
        assertTrue(notes.isEmpty());
    }

    @Test
    void defaultSwiotlbPlacementIsTopOfLowRam() {
        List<String> notes = new ArrayList<>();
        var t = Samples.offsetWindowMachine();
        var s = SwiotlbPoolPlacement.of(t, false, notes);
        assertEquals(0xFC00_0000L, s.start(), "64 MiB below 4 GiB, inside RAM from 2 GiB");
        assertEquals(8, s.nareas(), "cpus 0-7");
        assertEquals(1, notes.size());
        var old = SwiotlbPoolPlacement.of(t, false, notes, org.dmascope.model.kernel.profile.KernelProfile.V5_15);
        assertEquals(1, old.nareas(), "no swiotlb areas before v6.0");
        assertTrue(notes.get(notes.size() - 1).contains("v6.0"));
    }
}
