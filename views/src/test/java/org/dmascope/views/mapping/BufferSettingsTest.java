package org.dmascope.views.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.mapping.BufferSpec;
import org.dmascope.model.mapping.DmaBufImporter;
import org.dmascope.model.mapping.PageLayout;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.P2pMemory;
import org.dmascope.views.testing.Samples;
import org.junit.jupiter.api.Test;

class BufferSettingsTest {
    private static final BufferSource RAM = new BufferSource.Ram(0, 64L << 30);
    private static final BufferSource CMB = new BufferSource.P2pMem(Bdf.parse("0000:05:00.0"), "NoLoad",
            new P2pMemory(2, 0x1000, 256L << 20, true));

    @Test
    void theDefaultSampleOffersItsRamTheNvmeCmbAndItsGpuBarsAsDmaBufs() {
        List<BufferSource> sources = BufferSource.of(Samples.switchP2p());
        assertEquals(4, sources.size());
        BufferSource.DmaBufBar gpu = (BufferSource.DmaBufBar) sources.get(2);
        assertEquals(Bdf.parse("0000:03:00.0"), gpu.exporter());
        assertEquals(1, gpu.bar(), "the largest prefetchable BAR: 256 MiB of VRAM aperture");
        assertEquals(256L << 20, gpu.capacity());
        assertEquals("buffer-chip-dmabuf-0000-03-00-0-bar1", gpu.id());
        assertEquals(Bdf.parse("0000:04:00.0"), ((BufferSource.DmaBufBar) sources.get(3)).exporter());
        assertEquals(new BufferSource.Ram(0, 64L << 30), sources.get(0));
        BufferSource.P2pMem cmb = (BufferSource.P2pMem) sources.get(1);
        assertEquals(Bdf.parse("0000:05:00.0"), cmb.provider());
        assertEquals(2, cmb.memory().bar());
        assertEquals("buffer-chip-p2p-0000-05-00-0-bar2", cmb.id());
        assertEquals("buffer-chip-ram-node0", sources.get(0).id());
    }

    @Test
    void aHostBufferBecomesAHostSpecWithItsLayout() {
        BufferSettings s = new BufferSettings(1 << 20, 0x200, PageLayout.Kind.SCATTERED, 7, DmaDirection.TO_DEVICE);
        BufferSpec.Host h = (BufferSpec.Host) s.spec(RAM);
        assertEquals(0, h.node());
        assertEquals(1 << 20, h.size());
        assertEquals(0x200, h.offset());
        assertEquals(PageLayout.Kind.SCATTERED, h.layout().kind());
        assertEquals(7, h.layout().seed());
        assertEquals("host:node0:1MiB:scattered:seed=7:offset=0x200:direction=to-device", h.spec());
    }

    @Test
    void aDmaBufChipCarriesTheImporterAndTheRevoke() {
        BufferSource.DmaBufBar gpu = new BufferSource.DmaBufBar(Bdf.parse("0000:03:00.0"), "GPU", 1, 256L << 20);
        BufferSettings s = BufferSettings.P2P_DEFAULT.withImporter(Optional.of(DmaBufImporter.IOMMUFD))
                .withRevoked(true);
        BufferSpec.DmaBuf d = (BufferSpec.DmaBuf) s.spec(gpu);
        assertEquals(Optional.of(DmaBufImporter.IOMMUFD), d.importer());
        assertTrue(d.revoked());
        assertEquals("dmabuf:0000:03:00.0:bar1:64KiB:importer=iommufd:revoked", d.spec());
        assertEquals("64 KiB · iommufd · revoked", s.summary(gpu));
        BufferSpec.DmaBuf plain = (BufferSpec.DmaBuf) BufferSettings.P2P_DEFAULT.spec(gpu);
        assertTrue(plain.importer().isEmpty(), "no choice: the device's class decides");
        assertEquals(s, LessonPlayer.settingsFor(d, gpu).orElseThrow(), "a scenario's dma-buf fills the popover");
    }

    @Test
    void aP2pBufferStartsAtTheRegisteredRegionPlusItsOffset() {
        BufferSpec.Bar b = (BufferSpec.Bar) BufferSettings.P2P_DEFAULT.withOffset(0x2000).spec(CMB);
        assertEquals(2, b.bar());
        assertEquals(0x3000, b.offset(), "region offset 0x1000 + buffer offset 0x2000");
        assertEquals(64 << 10, b.size());
    }

    @Test
    void settingsThatMakeNoBufferSayWhy() {
        assertEquals("the offset must lie inside the first 4KiB page",
                BufferSettings.HOST_DEFAULT.withOffset(4096).problem(RAM).orElseThrow());
        assertTrue(BufferSettings.HOST_DEFAULT.withLayout(PageLayout.Kind.HUGE_2M).withOffset(4096).problem(RAM)
                .isEmpty(),
                "a 2 MiB page takes offsets up to 2 MiB");
        assertEquals("the size must be 4 KiB to 1 GiB", BufferSettings.HOST_DEFAULT.withSize(2L << 30).problem(RAM)
                .orElseThrow());
        assertEquals("offset + size exceed the 256MiB of P2P memory",
                BufferSettings.P2P_DEFAULT.withSize(256L << 20).withOffset(4096).problem(CMB).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> BufferSettings.HOST_DEFAULT.withSize(1).spec(RAM));
    }

    @Test
    void theChipSaysSizeAndLayout() {
        assertEquals("64 KiB · scattered", BufferSettings.HOST_DEFAULT.summary(RAM));
        assertEquals("1 GiB · 1 GiB huge pages",
                BufferSettings.HOST_DEFAULT.withSize(1L << 30).withLayout(PageLayout.Kind.HUGE_1G).summary(RAM));
        assertEquals("64 KiB", BufferSettings.P2P_DEFAULT.summary(CMB), "a BAR buffer is always contiguous");
    }
}
