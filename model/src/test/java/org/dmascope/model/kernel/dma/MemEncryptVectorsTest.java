package org.dmascope.model.kernel.dma;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.dmascope.model.kernel.direct.DirectMapPhys;
import org.dmascope.model.kernel.fixtures.Fx;
import org.dmascope.model.kernel.fixtures.TCl;
import org.dmascope.model.kernel.platform.AssumptionSource;
import org.dmascope.model.kernel.platform.MemEncrypt;
import org.dmascope.model.kernel.platform.PlatformAssumptions;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.profile.KernelVersion;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.kernel.swiotlb.SwiotlbSizing;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.Platform.CpuVendor;
import org.dmascope.model.topology.Platform.MemoryEncryption;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * R-CMD-9 {@code mem_encrypt=} (arch/x86/boot/compressed/misc.c {@code parse_mem_encrypt} in v6.11.11 and v6.19.0;
 * {@code sme_enable()} in v5.4.273, v5.15.85, v6.1.119) and the C-bit it puts into {@code phys_to_dma()} (R-DIR-1,
 * include/linux/dma-direct.h v6.19.0), with R-DIR-6's pool: research notes section 6.3, SME-1 … SME-14 (C-bit 47
 * unless stated; pool at 0x5000_0000; dma-direct). SME-6/SME-7 (coherent allocations) are not modelled.
 */
class MemEncryptVectorsTest {
    private static final long C47 = 1L << 47;

    private static DeviceDma dev(int maskBits, long cbit) {
        return DeviceDma.pciDefaults64().withMask(KernelArith.dmaBitMask(maskBits))
                .withRangeMap(DmaRangeMap.IDENTITY.withEncryptionMask(cbit));
    }

    private static SwiotlbContext pool() {
        return new SwiotlbContext(new SwiotlbPool(new SwiotlbSizing(0x5000_0000L, 32768, 1, false)), false, 0, false);
    }

    private static long map(DeviceDma dev, long phys, SwiotlbContext tlb) {
        return DirectMapPhys.map(dev, phys, 0x1000, DmaDirection.TO_DEVICE, false, false, tlb, KernelProfile.MAINLINE,
                new MapTrace());
    }

    @Test
    void sme1To5TheCBitDecidesWhoBounces() {
        assertEquals(0x8001_2345_6000L, map(dev(64, C47), 0x1_2345_6000L, pool()), "SME-1");
        assertEquals(0x5000_0000L, map(dev(32, C47), 0x8000_0000L, pool()), "SME-2: the pool's first slot");
        assertEquals(0x5000_0000L, map(dev(44, C47), 0x8000_0000L, pool()), "SME-3");
        assertEquals(0x8000_8000_0000L, map(dev(48, C47), 0x8000_0000L, pool()), "SME-4: direct, phys | 2^47");
        assertEquals(0x5000_0000L, map(dev(48, 1L << 51), 0x8000_0000L, pool()), "SME-5: C-bit 51");
        assertEquals(0x8_0000_8000_0000L, map(dev(52, 1L << 51), 0x8000_0000L, pool()));
        assertEquals(0x8000_0000L, PhysToDma.reverse(dev(64, C47).rangeMap(), 0x8000_8000_0000L),
                "dma_to_phys clears the C-bit");
        assertEquals(0x8000_0000L, map(dev(32, 0), 0x8000_0000L, pool()), "without SME: direct");
    }

    @Test
    void sme8WithoutAPoolTheMapFails() {
        MapTrace trace = new MapTrace();
        long dma = DirectMapPhys.map(dev(32, C47), 0x8000_0000L, 0x1000, DmaDirection.TO_DEVICE, false, false,
                SwiotlbContext.NONE, KernelProfile.MAINLINE, trace);
        assertEquals(DMA_MAPPING_ERROR, dma);
        assertTrue(trace.kernelLog().get(0).startsWith("DMA addr 0x800080000000+4096 overflow"),
                trace.kernelLog().toString());
    }

    @Test
    void sme9To12WhichOccurrenceWinsByVersion() {
        assertEquals(Optional.of(false), MemEncrypt.requested("mem_encrypt=on mem_encrypt=off mem_encrypt=on",
                KernelProfile.MAINLINE), "SME-9: the first on (1) is not after the first off (2)");
        assertEquals(Optional.of(true), MemEncrypt.requested("mem_encrypt=off mem_encrypt=on", KernelProfile.MAINLINE),
                "SME-10");
        assertEquals(Optional.of(false), MemEncrypt.requested("mem_encrypt=on mem_encrypt=off", KernelVersion.of(6, 1)),
                "SME-11: the last is off");
        assertEquals(Optional.of(true), MemEncrypt.requested("mem_encrypt=off mem_encrypt=on", KernelProfile.V5_15));
        assertEquals(Optional.empty(), MemEncrypt.requested("quiet", KernelProfile.V5_15),
                "SME-12: silent; ACTIVE_BY_DEFAULT=n assumed, so off");
        assertEquals(Optional.of(false), MemEncrypt.requested("mem_encrypt=ON", KernelProfile.MAINLINE),
                "exact words only");
        assertEquals(Optional.of(false), MemEncrypt.requested("mem_encrypt=1", KernelProfile.V5_4));
    }

    @Test
    void sme13IntelCpusAndGuestsGetNoSme() {
        assertEquals(Optional.of(MemoryEncryption.NONE), MemEncrypt.decide(Optional.of(true), true,
                Optional.of(CpuVendor.INTEL), Optional.empty()).encryption(), "SME-13");
        assertEquals(Optional.empty(), MemEncrypt.decide(Optional.of(true), true, Optional.of(CpuVendor.AMD),
                Optional.of(MemoryEncryption.SEV_GUEST)).encryption(), "a guest stays a guest");
        assertEquals(Optional.of(MemoryEncryption.SME_HOST), MemEncrypt.decide(Optional.of(true), true,
                Optional.of(CpuVendor.HYGON), Optional.empty()).encryption());
        assertEquals(Optional.of(MemoryEncryption.NONE), MemEncrypt.decide(Optional.of(true), true,
                Optional.empty(), Optional.empty()).encryption(), "an unknown vendor is not assumed AMD");
    }

    @Test
    void sme14AnSmeHostAlwaysHasAPool() {
        Topology amd = TCl.tcl().withPlatform(Fx.cpu(Fx.intelVtd(), CpuVendor.AMD, 0x19));
        PlatformAssumptions a = PlatformAssumptions.resolve(amd, PlatformOverrides.NONE
                .withCommandLine("mem_encrypt=on iommu=off"));
        assertEquals(MemoryEncryption.SME_HOST, a.memoryEncryption());
        assertEquals(C47, a.smeMask(), "the default C-bit, stated");
        assertEquals(AssumptionSource.DEFAULT, a.cBitAssumption().source());
        assertTrue(SwiotlbActivation.decide(a, 0x7FFF_FFFFL).active(), "SME-14: RAM below 4 GiB, iommu=off");
        PlatformAssumptions off = PlatformAssumptions.resolve(amd, PlatformOverrides.NONE
                .withCommandLine("mem_encrypt=on mem_encrypt=off"));
        assertEquals(MemoryEncryption.NONE, off.memoryEncryption());
        assertEquals(0, off.smeMask());
        assertFalse(SwiotlbActivation.decide(off, 0x7FFF_FFFFL).active());
    }
}
