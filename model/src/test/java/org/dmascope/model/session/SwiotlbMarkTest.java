package org.dmascope.model.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.acs.UntrustedDevices;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.mapping.BufferSpecParser;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * SG_DMA_SWIOTLB is the list's mark: {@code iommu_dma_map_sg_swiotlb()} calls {@code sg_dma_mark_swiotlb(sg)} once
 * on the first entry for an untrusted device, and no segment carries it on its own; BOUNCED names the segments
 * whose address is a bounce buffer.
 */
class SwiotlbMarkTest {
    @Test
    void anUntrustedDevicesListIsMarkedAsAWhole() {
        Topology t = SampleCatalog.load().samples().stream().filter(s -> s.fileName().equals("thunderbolt-laptop.json"))
                .findFirst().orElseThrow().topology();
        PciFunction untrusted = t.functions().stream().filter(f -> UntrustedDevices.isUntrusted(f, t.hierarchy()))
                .filter(f -> f.bridge().isEmpty()).findFirst().orElseThrow();
        KernelSession s = KernelSession.boot(t, PlatformOverrides.NONE);
        DmaSegments seg = s.map(new MapCall(untrusted.address(), BufferSpecParser.parse(
                "host:node0:10KiB:scattered:offset=0x200"), MapOptions.DEFAULTS)).mapping().segments();
        assertTrue(seg.swiotlbMarked(), "the list is marked SG_DMA_SWIOTLB");
        assertTrue(seg.count() > 1);
        for (int i = 0; i < seg.count(); i++) assertFalse(seg.flagNames(i).contains("SWIOTLB"), "no segment mark");
        PciFunction trusted = t.functions().stream().filter(f -> !UntrustedDevices.isUntrusted(f, t.hierarchy()))
                .filter(f -> f.bridge().isEmpty()).findFirst().orElseThrow();
        assertFalse(s.map(new MapCall(trusted.address(), BufferSpecParser.parse("host:node0:10KiB:scattered"),
                MapOptions.DEFAULTS)).mapping().segments().swiotlbMarked());
    }
}
