package org.dmascope.model.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.io.SampleCatalog;
import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dmabuf.IommufdDmaBuf;
import org.dmascope.model.kernel.dmabuf.PhysVecToSgt;
import org.dmascope.model.kernel.dmabuf.VfioDmaBuf;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.platform.PlatformOverrides;
import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * dma-buf peer-to-peer (R-DMABUF-1, R-DMABUF-2, R-DMABUF-3): vectors from
 * drivers/vfio/pci/vfio_pci_dmabuf.c (torvalds/linux 06fddc7a1961) and drivers/dma-buf/dma-buf-mapping.c
 * (torvalds/linux 0b9828c7231e), on the default sample (GPUs 03:00.0 and 04:00.0 and NVMe 05:00.0 behind
 * one switch, a ConnectX at 06:00.0) and the ACS-redirect one.
 */
class DmaBufMappingTest {
    private static final Bdf GPU = Bdf.parse("0000:03:00.0");
    private static final Bdf GPU2 = Bdf.parse("0000:04:00.0");
    private static final Bdf NVME = Bdf.parse("0000:05:00.0");
    private static final Bdf NIC = Bdf.parse("0000:06:00.0");

    static Topology sample(String file) {
        return SampleCatalog.load().samples().stream().filter(s -> s.fileName().equals(file)).findFirst()
                .orElseThrow().topology();
    }

    private static MapOutcome map(String file, KernelProfile k, Bdf initiator, String spec) {
        KernelSession s = KernelSession.boot(sample(file), PlatformOverrides.NONE.withProfile(k));
        return s.map(new MapCall(initiator, BufferSpecParser.parse(spec), MapOptions.DEFAULTS));
    }

    private static long barStart(Topology t, Bdf d, int bar) {
        return t.function(d).orElseThrow().bar(bar).orElseThrow().range().map(AddressRange::start).orElseThrow();
    }

    @Test
    void behindOneSwitchTheNicGetsTheGpuBarAtItsBusAddressWithoutIova() {
        MapOutcome o = map("switch-p2p-server.json", KernelProfile.MAINLINE, NIC, "dmabuf:03:00.0:bar1:2MiB");
        Mapping m = o.mapping();
        assertTrue(m.verdict().isOk(), m.verdict().toString());
        assertEquals(P2pMapType.BUS_ADDR, m.mapType());
        assertEquals(1, m.segments().count());
        assertTrue(m.segments().has(0, DmaSegments.BUS));
        long bus = m.pinned().provider().busAddress(barStart(sample("switch-p2p-server.json"), GPU, 1));
        assertEquals(bus, m.segments().address(0));
        assertEquals(2 << 20, m.segments().length(0));
        assertTrue(m.iovaAllocations().isEmpty(), "BUS_ADDR needs no IOVA");
        assertTrue(m.steps().stream().anyMatch(s -> s.title().equals("What a revoke does")
                && s.narration().contains("mlx5_ib_dmabuf_invalidate_cb")));
        assertTrue(o.p2p().isPresent(), "the P2P verdict of exporter and importer is shown");
    }

    @Test
    void acrossTheRootComplexBehindAnIommuTheRangesAreLinkedIntoOneIova() {
        MapOutcome o = map("acs-redirect-server.json", KernelProfile.MAINLINE, NVME,
                "dmabuf:03:00.0:bar1:2MiB:importer=rdma");
        Mapping m = o.mapping();
        assertTrue(m.verdict().isOk(), m.verdict().toString());
        assertEquals(P2pMapType.THRU_HOST_BRIDGE, m.mapType());
        assertEquals(1, m.segments().count());
        assertTrue(m.segments().has(0, DmaSegments.IOVA));
        assertEquals(1, m.iovaAllocations().size(), "dma_iova_try_alloc() reserves one range");
        assertEquals(2 << 20, m.iovaAllocations().get(0).bytes());
        assertTrue(m.pageTable().leafCount() > 0, "dma_iova_link() wrote page-table entries");
    }

    @Test
    void aPinnedRdmaImporterIsRefusedBecauseItCannotBeRevoked() {
        Mapping m = map("switch-p2p-server.json", KernelProfile.MAINLINE, NIC,
                "dmabuf:03:00.0:bar1:2MiB:importer=rdma-pinned").mapping();
        assertEquals(Errno.EOPNOTSUPP, m.verdict().error());
        assertEquals("dma_buf_pin() = -EOPNOTSUPP", m.verdict().kernelReturn());
    }

    @Test
    void aRevokedBufferCannotBeAttached() {
        Mapping m = map("switch-p2p-server.json", KernelProfile.MAINLINE, NIC, "dmabuf:03:00.0:bar1:2MiB:revoked")
                .mapping();
        assertEquals(Errno.ENODEV, m.verdict().error());
        assertEquals(0, m.segments().count());
    }

    @Test
    void unalignedRangesAreRejectedByTheExport() {
        Mapping m = map("switch-p2p-server.json", KernelProfile.MAINLINE, NIC,
                "dmabuf:03:00.0:bar1:64KiB:offset=0x800").mapping();
        assertEquals(Errno.EINVAL, m.verdict().error());
        assertEquals("VFIO_DEVICE_FEATURE_DMA_BUF = -EINVAL", m.verdict().kernelReturn());
    }

    @Test
    void iommufdMapsTheSinglePhysicalRangeForAVm() {
        Topology t = sample("switch-p2p-server.json");
        Mapping m = map("switch-p2p-server.json", KernelProfile.MAINLINE, GPU2,
                "dmabuf:03:00.0:bar1:2MiB:importer=iommufd").mapping();
        assertTrue(m.verdict().isOk(), m.verdict().toString());
        assertEquals(1, m.segments().count());
        assertTrue(m.segments().has(0, DmaSegments.IOVA));
        assertEquals(barStart(t, GPU, 1), m.segments().address(0), "the model's IOVA is the host physical address");
        assertTrue(m.steps().stream().anyMatch(s -> s.narration().contains("iopt_revoke_notify")));
    }

    @Test
    void kernelsBeforeTheExportRefuseItAndIoUringWaitsFor74() {
        MapOutcome old = map("switch-p2p-server.json", KernelProfile.V6_18, NIC, "dmabuf:03:00.0:bar1:2MiB");
        assertFalse(old.hasMapping());
        assertEquals(Optional.of("VFIO_DEVICE_FEATURE_DMA_BUF is not in Linux 6.18 (since 6.19)"), old.problem());
        MapOutcome nvme71 = map("switch-p2p-server.json", KernelProfile.V7_1, NVME, "dmabuf:03:00.0:bar1:2MiB");
        assertEquals(Optional.of("io_uring dma-buf registered buffers is not in Linux 7.1 (since 7.4)"),
                nvme71.problem());
        assertTrue(map("switch-p2p-server.json", KernelProfile.V6_19, NIC, "dmabuf:03:00.0:bar1:2MiB").mapping()
                .verdict().isOk(), "RDMA imports from 6.19");
    }

    @Test
    void vfioExportVectors() {
        assertEquals(Optional.empty(), VfioDmaBuf.validate(0x2000, 0x1000));
        assertEquals(Optional.of(Errno.EINVAL), VfioDmaBuf.validate(0x800, 0x1000));
        assertEquals(Optional.of(Errno.EINVAL), VfioDmaBuf.validate(0, 0x1800));
        assertEquals(Optional.of(Errno.EINVAL), VfioDmaBuf.validate(0, 0));
        assertEquals(Optional.of(Errno.EOPNOTSUPP), VfioDmaBuf.attach(false, false, false));
        assertEquals(Optional.of(Errno.ENODEV), VfioDmaBuf.attach(true, false, true));
        assertEquals(Optional.of(Errno.EOPNOTSUPP), VfioDmaBuf.attach(true, true, false));
        assertEquals(Optional.empty(), VfioDmaBuf.attach(true, false, false));
        assertEquals(Optional.of(Errno.ENODEV), VfioDmaBuf.map(true));
        assertEquals(Optional.of(Errno.EOPNOTSUPP), IommufdDmaBuf.takePhys(true, false, 2));
        assertEquals(Optional.of(Errno.EOPNOTSUPP), IommufdDmaBuf.takePhys(false, false, 1));
        assertEquals(Optional.empty(), IommufdDmaBuf.takePhys(true, false, 1));
    }

    @Test
    void physVecToSgtCutsEntriesAtMaxSgEntSzAndRefusesOtherMapTypes() {
        assertEquals(0xFFFFF000L, PhysVecToSgt.MAX_SG_ENT_SZ);
        P2pProvider p = new P2pProvider(GPU, 1, 0x38_0000_0000L, 16L << 30, 0x1000_0000L);
        PhysVecToSgt.Result r = PhysVecToSgt.map(P2pMapType.BUS_ADDR, p, new long[] {0x38_0000_0000L},
                new long[] {8L << 30}, null);
        // 8 GiB = 2 × 0xfffff000 + 0x2000
        assertEquals(List.of(new PhysVecToSgt.Entry(0x38_1000_0000L, 0xFFFFF000L),
                new PhysVecToSgt.Entry(0x38_1000_0000L + 0xFFFFF000L, 0xFFFFF000L),
                new PhysVecToSgt.Entry(0x38_1000_0000L + 2 * 0xFFFFF000L, 0x2000L)), r.entries());
        assertEquals(3, PhysVecToSgt.entries(false, new long[] {8L << 30}, 8L << 30));
        assertEquals(Errno.EINVAL, PhysVecToSgt.map(P2pMapType.NOT_SUPPORTED, p, new long[] {0}, new long[] {4096},
                null).error());
    }

    @Test
    void theSpecParsesAndPrintsBack() {
        BufferSpec s = BufferSpecParser.parse("dmabuf:03:00.0:bar2:64MiB:importer=iommufd:revoked");
        BufferSpec.DmaBuf d = (BufferSpec.DmaBuf) s;
        assertEquals(Bdf.parse("0000:03:00.0"), d.exporter());
        assertEquals(2, d.bar());
        assertEquals(64L << 20, d.size());
        assertEquals(Optional.of(DmaBufImporter.IOMMUFD), d.importer());
        assertTrue(d.revoked());
        assertEquals(DmaDirection.BIDIRECTIONAL, d.direction());
        assertEquals(s, BufferSpecParser.parse(s.spec()));
        assertEquals(Optional.of(Bdf.parse("0000:03:00.0")), s.device());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BufferSpecParser.parse("dmabuf:03:00.0:bar9:64MiB"));
        assertEquals("bad buffer spec \"dmabuf:03:00.0:bar9:64MiB\": BAR 9 does not exist (bar0-bar5)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BufferSpecParser.parse("dmabuf:03:00.0:bar1:64MiB:importer=gpu"));
        assertTrue(e.getMessage().endsWith("importer=gpu is not rdma, rdma-pinned, iommufd, io_uring"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BufferSpecParser.parse("bar:05:00.0:2:64KiB:revoked"));
        assertTrue(e.getMessage().endsWith("revoked only applies to dmabuf buffers"), e.getMessage());
    }
}
