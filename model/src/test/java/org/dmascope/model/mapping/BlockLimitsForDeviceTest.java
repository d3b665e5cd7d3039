package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.DmaApi;
import org.dmascope.model.kernel.block.QueueLimits;
import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.KernelArith;
import org.dmascope.model.kernel.iommu.DmaDomainType;
import org.dmascope.model.kernel.iommu.IommuDeviceState;
import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.kernel.swiotlb.SwiotlbSizing;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.junit.jupiter.api.Test;

/**
 * The block drivers size their requests by what the DMA layer can map: {@code dma_max_mapping_size}
 * (R-DIR-5 for dma-direct, {@code iommu_dma_max_mapping_size} for dma-iommu, both R-TLB-3 when they
 * bounce) for SCSI, {@code dma_opt_mapping_size} for NVMe.
 */
class BlockLimitsForDeviceTest {
    /** 64 GiB of RAM: a 32-bit device is addressing-limited. */
    static final long LAST_RAM = 0x10_0000_0000L - 1;

    static PciFunction device(String driver) {
        return PciFunction.builder(Bdf.parse("0000:01:00.0")).identity(PciIdentity.of(0x144d, 0xa808, 0x010802))
                .driver(Optional.of(driver)).build();
    }

    static SwiotlbContext swiotlb(boolean forceBounce) {
        return new SwiotlbContext(new SwiotlbPool(new SwiotlbSizing(0x5000_0000L, 32768, 1, false)), forceBounce, 0,
                false);
    }

    static DmaApi direct(DeviceDma dev, SwiotlbContext tlb) {
        return new DmaApi(dev, DmaDirection.BIDIRECTIONAL, tlb, null, null, KernelProfile.MAINLINE, new MapTrace());
    }

    static DmaApi iommu(DeviceDma dev, KernelProfile profile) {
        IommuDmaDomain d = new IommuDmaDomain("g", new VtdGeometry(48, false), DmaDomainType.DMA, 0);
        d.attach("dev", List.of());
        return new DmaApi(dev, DmaDirection.BIDIRECTIONAL, swiotlb(false), d, new IommuDeviceState(true, false),
                profile,
                new MapTrace());
    }

    @Test
    void nvmeInAConfidentialGuestIsLimitedToOneSwiotlbBounce() {
        DeviceDma nvme = DeviceDma.pciDefaults64().withMinAlignMask(0xFFF);
        DmaApi api = direct(nvme, swiotlb(true));
        assertEquals(258048, api.maxMappingSize(LAST_RAM), "R-TLB-3 with NVMe's min_align_mask");
        QueueLimits lim = BlockLimitsForDevice.of(device("nvme"), api, LAST_RAM);
        assertEquals(258048 >> 9, lim.maxSectors());
    }

    @Test
    void nvmeWithoutBouncingKeepsItsOwnLimit() {
        DmaApi api = direct(DeviceDma.pciDefaults64().withMinAlignMask(0xFFF), swiotlb(false));
        assertEquals(-1L, api.maxMappingSize(LAST_RAM), "a 64-bit device is not addressing-limited: SIZE_MAX");
        assertEquals(QueueLimits.BLK_DEF_MAX_SECTORS_CAP, BlockLimitsForDevice.of(device("nvme"), api,
                LAST_RAM).maxSectors());
    }

    @Test
    void nvmeBehindAnIommuUsesTheIovaRangeCacheSize() {
        DmaApi api = iommu(DeviceDma.pciDefaults64().withMinAlignMask(0xFFF), KernelProfile.MAINLINE);
        assertEquals(128 * 1024, api.optMappingSize(LAST_RAM));
        assertEquals(256, BlockLimitsForDevice.of(device("nvme"), api, LAST_RAM).maxSectors());
    }

    @Test
    void scsiWithA32BitMaskAndRamAbove4GiBIsLimitedByDmaDirectMaxMappingSize() {
        DmaApi api = direct(DeviceDma.pciDefaults64().withMask(KernelArith.dmaBitMask(32)), swiotlb(false));
        assertEquals(262144, api.maxMappingSize(LAST_RAM), "DD-6: dma_max_mapping_size = 262144");
        assertEquals(512, BlockLimitsForDevice.of(device("mpt3sas"), api, LAST_RAM).maxSectors());
        DmaApi below4G = direct(DeviceDma.pciDefaults64().withMask(KernelArith.dmaBitMask(32)), swiotlb(false));
        assertEquals(1024, BlockLimitsForDevice.of(device("mpt3sas"), below4G, 0xFFFF_FFFFL).maxSectors(),
                "all RAM below 4 GiB: not addressing-limited, SCSI_DEFAULT_MAX_SECTORS");
    }

    @Test
    void untrustedScsiBehindAnIommuIsLimitedSinceV6_9() {
        DeviceDma untrusted = DeviceDma.pciDefaults64().withUntrusted(true);
        assertEquals(262144, iommu(untrusted, KernelProfile.MAINLINE).maxMappingSize(LAST_RAM));
        assertEquals(512, BlockLimitsForDevice.of(device("uas"), iommu(untrusted, KernelProfile.MAINLINE),
                LAST_RAM).maxSectors());
        assertEquals(-1L, iommu(untrusted, KernelProfile.V5_15).maxMappingSize(LAST_RAM),
                "no iommu_dma_max_mapping_size yet");
        assertEquals(1024, BlockLimitsForDevice.of(device("uas"), iommu(untrusted, KernelProfile.V5_15),
                LAST_RAM).maxSectors());
        assertEquals(-1L, iommu(DeviceDma.pciDefaults64(), KernelProfile.MAINLINE).maxMappingSize(LAST_RAM));
    }
}
