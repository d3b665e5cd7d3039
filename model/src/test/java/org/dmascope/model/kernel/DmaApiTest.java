package org.dmascope.model.kernel;

import static org.dmascope.model.kernel.dma.KernelArith.DMA_MAPPING_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dmascope.model.kernel.dma.DeviceDma;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.DmaRangeMap;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.P2pMapState;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SgMapResult;
import org.dmascope.model.kernel.iommu.DmaDomainType;
import org.dmascope.model.kernel.iommu.IommuDeviceState;
import org.dmascope.model.kernel.iommu.IommuDmaDomain;
import org.dmascope.model.kernel.iommu.IovaReservedRegions;
import org.dmascope.model.kernel.iommu.ReservedRegion;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.pagetable.VtdGeometry;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.kernel.sg.ScatterList;
import org.dmascope.model.kernel.swiotlb.SwiotlbContext;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.topology.Bdf;
import org.junit.jupiter.api.Test;

/**
 * The DMA API entry points of kernel/dma/mapping.c on vectors of section 3: R-MAP-1 dispatch to
 * dma-direct or dma-iommu, R-MAP-2 {@code dma_map_sgtable} / {@code dma_map_sg} results (DD-9) and
 * R-MAP-3 {@code dma_map_phys} (DD-2, DD-7, IO-11, IO-12).
 */
class DmaApiTest {
    static final P2pProvider EPB = new P2pProvider(Bdf.parse("04:00.0"), 2, 0x38_0000_0000L, 1L << 30, 0);

    static DmaApi direct(DeviceDma dev) {
        return new DmaApi(dev, DmaDirection.TO_DEVICE, SwiotlbContext.NONE, null, null, KernelProfile.MAINLINE,
                new MapTrace());
    }

    static DmaApi iommu() {
        IommuDmaDomain d = new IommuDmaDomain("test", new VtdGeometry(48, false), DmaDomainType.DMA, 0);
        d.attach("dev", List.of(new ReservedRegion(IovaReservedRegions.MSI_RANGE_START,
                IovaReservedRegions.MSI_RANGE_END, "MSI")));
        return new DmaApi(DeviceDma.pciDefaults64(), DmaDirection.TO_DEVICE, SwiotlbContext.NONE, d,
                new IommuDeviceState(true, false),
                KernelProfile.MAINLINE, new MapTrace());
    }

    @Test
    void rMap1_noDmaDomainMeansDmaDirectAndADomainMeansDmaIommu() {
        DmaApi direct = direct(DeviceDma.pciDefaults64());
        assertFalse(direct.usesIommu());
        assertEquals(0, direct.mergeBoundary(), "dma_get_merge_boundary: 0 for dma-direct");
        assertEquals(0x1_2345_6010L, direct.mapPhys(0x1_2345_6010L, 0x800, false), "DD-1: the physical address");
        DmaApi iommu = iommu();
        assertTrue(iommu.usesIommu());
        assertEquals(0xFFF, iommu.mergeBoundary(), "the IOVA granule - 1");
    }

    @Test
    void rMap2_dd9_anUnsupportedP2pPageFailsTheListWithEremoteioAndDmaMapSgReturnsZero() {
        ScatterList sg = new ScatterList(2);
        sg.add(0x1_0000_0000L, 0, 0x1000, ScatterList.NO_PROVIDER);
        sg.add(0x38_0000_2000L, 0, 0x1000, 0);
        SgMapResult r = direct(DeviceDma.pciDefaults64()).mapSg(sg, new P2pMapState(i -> P2pMapType.NOT_SUPPORTED),
                i -> EPB);
        assertEquals(Errno.EREMOTEIO, r.error(), "dma_map_sgtable() = -EREMOTEIO");
        assertEquals(0, r.dmaMapSgReturn(), "dma_map_sg() = 0");
    }

    @Test
    void rMap3_dmaMapPhysGoesThroughTheImplementationTheDeviceUses() {
        DmaRangeMap dd2 = DmaRangeMap.of(List.of(new DmaRangeMap.Region(0x8000_0000L, 0x0, 0x8000_0000L)));
        DmaApi direct = direct(DeviceDma.pciDefaults64().withRangeMap(dd2));
        assertEquals(0x0010_0000L, direct.mapPhys(0x8010_0000L, 0x1000, false), "DD-2 through the range map");
        assertEquals(0xF000_0000L, direct.mapPhys(0xF000_0000L, 0x1000, true), "DD-7: MMIO is not translated");
        DmaApi iommu = iommu();
        assertEquals(0xFFFC_0000L, iommu.mapPhys(0x1_0000_0000L, 0x28000, false), "IO-11");
        assertEquals(0xFFFB_F000L, iommu.mapPhys(0x2_0000_0000L, 0x1000, false), "IO-12");
        assertEquals(2, iommu.resources().size(), "both ranges are held until unmapped");
        assertTrue(iommu.mapPhys(0x3_0000_0000L, 0x1000, false) != DMA_MAPPING_ERROR);
    }
}
