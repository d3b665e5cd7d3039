package org.dmascope.model.mapping;

import java.util.Optional;

import org.dmascope.model.kernel.dma.Errno;
import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.dma.SegmentCollector;
import org.dmascope.model.kernel.dmabuf.IommufdDmaBuf;
import org.dmascope.model.kernel.dmabuf.PhysVecToSgt;
import org.dmascope.model.kernel.dmabuf.VfioDmaBuf;
import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.kernel.profile.KernelFeature;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * A vfio-pci BAR exported as a dma-buf and attached by the initiator (R-DMABUF-1 … R-DMABUF-3): the export, the
 * attach, the importer's way to the address list, and what a revoke does to it. The caller's API choice does not
 * apply: the importer decides how the addresses are made.
 */
final class DmaBufMapPath {
    private DmaBufMapPath() {
    }

    /** The importer of a dma-buf request: the spec's, else the initiator's by its class. */
    static DmaBufImporter importer(MapRequest req) {
        BufferSpec.DmaBuf d = (BufferSpec.DmaBuf) req.buffer();
        return d.importer().orElseGet(() -> req.topology().function(req.initiator())
                .map(DmaBufImporter::forDevice).orElse(DmaBufImporter.IOMMUFD));
    }

    static void run(MapContext c) {
        BufferSpec.DmaBuf d = (BufferSpec.DmaBuf) c.req.buffer();
        DmaBufImporter imp = importer(c.req);
        P2pProvider p = c.buf.provider();
        long paddr = p.barCpuStart() + d.offset();
        long[] pa = {paddr};
        long[] len = {d.size()};
        c.inputs = InputEntries.ofVectors(pa, len, new boolean[] {true}, 1);
        Step.Builder export = Step.of(StepKind.PIN, "R-DMABUF-1", "vfio-pci exports BAR " + d.bar() + " as a dma-buf")
                .say("VFIO_DEVICE_FEATURE_DMA_BUF with region_index " + d.bar() + " and one range {offset "
                        + Hex.addr(d.offset()) + ", length " + ByteSize.format(d.size()) + "}: the exporter keeps a "
                        + "phys_vec and a p2pdma_provider (pcim_p2pdma_provider), no struct pages and no "
                        + "pci_p2pdma_add_resource.")
                .in("exporter", p.owner() + " BAR " + d.bar()).in("range", Hex.addr(d.offset()) + "+"
                        + Hex.addr(d.size()))
                .out("phys_vec", Hex.addr(paddr) + "+" + Hex.addr(d.size())).out("provider bus offset",
                        Hex.addr(p.busOffset()))
                .since("since " + KernelFeature.VFIO_DMABUF.since() + " (" + KernelFeature.VFIO_DMABUF.commit() + ")");
        Optional<Errno> bad = VfioDmaBuf.validate(d.offset(), d.size());
        if (bad.isPresent()) {
            c.step(export.build());
            c.fail("EINVAL", Errno.EINVAL, "VFIO_DEVICE_FEATURE_DMA_BUF = -EINVAL",
                    "validate_dmabuf_input() wants a page-aligned offset and length; " + Hex.addr(d.offset()) + "+"
                            + Hex.addr(d.size()) + " is not");
            return;
        }
        c.step(export.build());
        boolean pinned = imp == DmaBufImporter.RDMA_PINNED;
        Step.Builder attach = Step.of(StepKind.DISPATCH, "R-DMABUF-1", "The importer attaches")
                .say(attachWords(imp) + ".")
                .in("importer", c.initiator.label()).out("as", imp.words());
        Optional<Errno> refused = VfioDmaBuf.attach(true, pinned, d.revoked());
        if (refused.isPresent()) {
            c.step(attach.build());
            Errno e = refused.get();
            c.fail(e.name(), e, (pinned && !d.revoked() ? "dma_buf_pin() = " : "dma_buf_dynamic_attach() = ")
                            + e.negated(),
                    d.revoked() ? "the exporter revoked the buffer (reset, memory disabled or D3): "
                            + "vfio_pci_dma_buf_attach() returns -ENODEV"
                            : "vfio_pci_dma_buf_pin() refuses a pinned importer: it could not give the memory back on "
                                    + "a revoke (61ceaf236115)");
            return;
        }
        c.step(attach.build());
        if (imp == DmaBufImporter.IOMMUFD) {
            iommufd(c, d, paddr);
        } else {
            attachment(c, d, imp, p, pa, len);
        }
        if (c.verdict != null && c.verdict.isOk()) c.step(revokeStep(imp));
    }

    private static String attachWords(DmaBufImporter imp) {
        return switch (imp) {
            case RDMA -> "ib_umem_dmabuf_get() attaches dynamically with allow_peer2peer and a move_notify "
                    + "(mlx5_ib_dmabuf_invalidate_cb); vfio_pci_dma_buf_attach() accepts a peer2peer importer";
            case RDMA_PINNED -> "ib_umem_dmabuf_get_pinned() attaches and calls dma_buf_pin(): a non-ODP MR cannot "
                    + "be invalidated";
            case IOMMUFD -> "IOMMU_IOAS_MAP_FILE on the dma-buf fd: iommufd attaches with allow_peer2peer and "
                    + "iopt_revoke_notify as its move_notify";
            case IO_URING -> "io_uring registers the dma-buf once; NVMe's dma-buf I/O context attaches and maps it "
                    + "at registration, so each I/O reuses the DMA addresses";
        };
    }

    private static void attachment(MapContext c, BufferSpec.DmaBuf d, DmaBufImporter imp, P2pProvider p, long[] pa,
                                   long[] len) {
        P2pMapType t = c.mapType;
        c.startPageTableLog();
        PhysVecToSgt.Result r = PhysVecToSgt.map(t, p, pa, len, c.api);
        c.stopPageTableLog();
        if (!r.isOk()) {
            Errno e = r.error();
            c.fail(e.name(), e, "dma_buf_map_attachment() = ERR_PTR(" + e.negated() + ")",
                    e == Errno.EINVAL ? "dma_buf_phys_vec_to_sgt(): pci_p2pdma_map_type() says " + t
                            + ", neither BUS_ADDR nor THRU_HOST_BRIDGE, so the exporter refuses the mapping"
                            : "dma_buf_phys_vec_to_sgt() could not map the BAR range: " + e.meaning());
            return;
        }
        int flag = switch (r.way()) {
            case BUS_ADDRESSES -> SegmentCollector.BUS;
            case ONE_IOVA_RANGE -> SegmentCollector.IOVA;
            case MAP_PHYS_EACH -> c.api.usesIommu() ? SegmentCollector.IOVA : 0;
        };
        for (PhysVecToSgt.Entry e : r.entries()) c.out.add(e.dma(), e.len(), flag, 0, 1);
        String how = switch (r.way()) {
            case BUS_ADDRESSES -> "BUS_ADDR: the importer reaches the BAR through a switch, so each vector is used at "
                    + "its PCI bus address (pci_p2pdma_bus_addr_map) and no IOVA is allocated";
            case ONE_IOVA_RANGE -> "THRU_HOST_BRIDGE behind an IOMMU: dma_iova_try_alloc() reserves one IOVA range, "
                    + "each vector is linked with DMA_ATTR_MMIO, one dma_iova_sync(), one entry";
            case MAP_PHYS_EACH -> "THRU_HOST_BRIDGE without an IOVA: each vector is mapped with dma_map_phys(..., "
                    + "DMA_ATTR_MMIO)";
        };
        c.step(Step.of(r.way() == PhysVecToSgt.Way.BUS_ADDRESSES ? StepKind.P2P : StepKind.IOVA_LINK, "R-DMABUF-2",
                        "dma_buf_map_attachment(): the address list")
                .say("vfio_pci_dma_buf_map() builds the table with dma_buf_phys_vec_to_sgt(): " + how + ".")
                .say("The table has a DMA list only (sg_page() is NULL, orig_nents 0): the importer never sees a page.")
                .say(imp == DmaBufImporter.IO_URING ? "This happens once, at registration; every read or write then "
                        + "builds its NVMe PRP or SGL straight from these addresses, with no map or unmap per I/O."
                        : "ib_umem_dmabuf_map_pages() trims the first and last entry to the MR's range and programs "
                        + "the NIC's translation (MTT) with the addresses.")
                .in("map type", t.name()).in("phys_vec", 1)
                .out("entries", r.entries().size()).out("first", Hex.addr(r.entries().get(0).dma()) + "+"
                        + Hex.addr(r.entries().get(0).len()))
                .since("dma_buf_phys_vec_to_sgt since " + KernelFeature.VFIO_DMABUF.since()
                        + (imp == DmaBufImporter.IO_URING ? "; io_uring premapped buffers since "
                        + KernelFeature.IO_URING_DMABUF.since() + " (" + KernelFeature.IO_URING_DMABUF.commit() + ")"
                        : ""))
                .build());
        if (r.way() != PhysVecToSgt.Way.BUS_ADDRESSES && c.api.usesIommu()) {
            SgMapPath.describeIovaAlloc(c, 0, "R-DMABUF-2, R-IOMMU-9");
            SgMapPath.describePageTable(c, "dma_iova_link()");
        }
        c.verdict = Verdict.ok("dma_buf_map_attachment() = sg_table of " + r.entries().size() + " entries",
                Words.count(r.entries().size(), "DMA segment") + " for " + ByteSize.format(d.size()) + " of "
                        + p.owner() + " BAR " + d.bar());
    }

    private static void iommufd(MapContext c, BufferSpec.DmaBuf d, long paddr) {
        Optional<Errno> e = IommufdDmaBuf.takePhys(true, d.revoked(), 1);
        if (e.isPresent()) {
            c.fail(e.get().name(), e.get(), "IOMMU_IOAS_MAP_FILE = " + e.get().negated(),
                    "vfio_pci_dma_buf_iommufd_map() refuses: " + e.get().meaning());
            return;
        }
        // The IOVA is the guest-physical address the VMM places the BAR at; without a VM to ask, the model uses
        // the host physical address (what a VMM mapping BARs 1:1 does) and says so.
        long iova = paddr;
        c.out.add(iova, d.size(), SegmentCollector.IOVA, 0, 1);
        c.step(Step.of(StepKind.IOVA_LINK, "R-DMABUF-3", "iommufd maps the BAR into the VM's IOAS")
                .say("vfio_pci_dma_buf_iommufd_map() hands iommufd the single physical range (more than one range "
                        + "is -EOPNOTSUPP); iommufd maps it with IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO in every "
                        + "domain of the IOAS, at the IOVA the VMM chose.")
                .say("pci_p2pdma_map_type() is not asked: the device's requests are translated by the IOMMU and reach "
                        + "the BAR at its CPU physical address through the root complex.")
                .say("The model takes the IOVA equal to the host physical address; a VMM places the BAR wherever "
                        + "the guest's memory map puts it.")
                .in("phys", Hex.addr(paddr) + "+" + Hex.addr(d.size())).out("IOVA", Hex.addr(iova))
                .out("prot", "IOMMU_READ | IOMMU_WRITE | IOMMU_MMIO")
                .since("since " + KernelFeature.IOMMUFD_DMABUF.since() + " (" + KernelFeature.IOMMUFD_DMABUF.commit()
                        + ")").build());
        c.verdict = Verdict.ok("IOMMU_IOAS_MAP_FILE = 0", "1 IOVA range of " + ByteSize.format(d.size())
                + " in the VM's IOAS");
    }

    private static Step revokeStep(DmaBufImporter imp) {
        String what = switch (imp) {
            case RDMA -> "mlx5_ib_dmabuf_invalidate_cb() zaps the MR's translation; the NIC's next access to it "
                    + "page-faults, ib_umem_dmabuf_map_pages() then gets -ENODEV from vfio, and the work request "
                    + "completes in error. DMA to the BAR is blocked, never misdirected";
            case IOMMUFD -> "iopt_revoke_notify() unmaps the range from every domain of the IOAS and sets phys.len "
                    + "to 0: the device's next DMA to that IOVA faults in the IOMMU (a DMA remapping fault), the "
                    + "memory is gone from the VM";
            case IO_URING -> "the registered buffer's mapping is torn down (dma_buf_free_sgt: dma_iova_destroy or "
                    + "dma_unmap_phys); I/O that names the buffer afterwards cannot be issued with its addresses "
                    + "(7.4 merge ed02f4f7, modelled from its description)";
            case RDMA_PINNED -> "a pinned MR could not react; that is why vfio refuses it";
        };
        return Step.of(StepKind.RESULT, "R-DMABUF-1", "What a revoke does")
                .say("A reset, clearing memory enable in PCI_COMMAND, D3 or closing the device calls "
                        + "vfio_pci_dma_buf_move(vdev, true): revoked is set and dma_buf_move_notify() reaches every "
                        + "attachment; vfio_pci_dma_buf_map() returns -ENODEV from then on.")
                .say("For this importer: " + what + ".")
                .out("after revoke", imp == DmaBufImporter.IOMMUFD ? "IOMMU fault" : "-ENODEV on re-map").build();
    }
}
