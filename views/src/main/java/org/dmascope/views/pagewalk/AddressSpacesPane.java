package org.dmascope.views.pagewalk;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.dmascope.model.kernel.dma.P2pProvider;
import org.dmascope.model.kernel.swiotlb.SwiotlbAllocation;
import org.dmascope.model.kernel.swiotlb.SwiotlbPool;
import org.dmascope.model.kernel.trace.MapTrace;
import org.dmascope.model.mapping.DmaSegments;
import org.dmascope.model.mapping.InputEntries;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.mapping.PinnedBuffer;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * CPU virtual → CPU physical → bus/DMA address for one stop of a segment, three cards with arrows
 * that name each translation.
 */
final class AddressSpacesPane extends HBox {
    static final String STYLE_CLASS = "address-spaces";
    static final String CARD = "space-card";
    static final String CARD_TITLE = "card-title";
    static final String BIG_VALUE = "big-value";
    static final String LINE = "card-line";
    static final String NOTE = "card-note";
    static final String ARROW = "space-arrow";
    static final String ARROW_GLYPH = "arrow-glyph";
    static final String ARROW_CAPTION = "arrow-caption";

    final VBox virtualCard = card(PageWalkView.VIRTUAL_CARD_ID, "virtual-card");
    final VBox physicalCard = card(PageWalkView.PHYSICAL_CARD_ID, "physical-card");
    final VBox dmaCard = card(PageWalkView.DMA_CARD_ID, "dma-card");
    final VBox pinArrow = arrow(PageWalkView.PIN_ARROW_ID);
    final VBox translateArrow = arrow(PageWalkView.TRANSLATION_ARROW_ID);

    private final Label virtualTitle = text(CARD_TITLE);
    private final Label virtualValue = Values.label(PageWalkView.VIRTUAL_VALUE_ID, Values.VALUE, BIG_VALUE);
    private final Label virtualPage = Values.label("walk-virtual-page", LINE);
    private final Label virtualNote = text(NOTE);
    private final Label physicalTitle = text(CARD_TITLE);
    private final Label physicalValue = Values.label(PageWalkView.PHYSICAL_VALUE_ID, Values.VALUE, BIG_VALUE);
    private final Label physicalPage = Values.label("walk-physical-page", LINE);
    private final Label physicalEntry = Values.label("walk-physical-entry", LINE);
    private final Label physicalMemory = text(NOTE);
    private final Label dmaTitle = text(CARD_TITLE);
    private final Label dmaValue = Values.label(PageWalkView.DMA_VALUE_ID, Values.VALUE, BIG_VALUE);
    private final Label dmaSegment = Values.label("walk-dma-segment", LINE);
    private final Label dmaDetail = Values.label("walk-dma-detail", LINE);
    private final Label dmaNote = text(NOTE);
    private final Label pinCaption = text(ARROW_CAPTION);
    private final Label translateCaption = text(ARROW_CAPTION);

    AddressSpacesPane() {
        getStyleClass().add(STYLE_CLASS);
        setAlignment(Pos.CENTER_LEFT);
        virtualCard.getChildren().addAll(virtualTitle, virtualValue, virtualPage, virtualNote);
        dmaSegment.setWrapText(true);
        physicalCard.getChildren().addAll(physicalTitle, physicalValue, physicalPage, physicalEntry, physicalMemory);
        dmaCard.getChildren().addAll(dmaTitle, dmaValue, dmaSegment, dmaDetail, dmaNote);
        pinArrow.getChildren().add(pinCaption);
        translateArrow.getChildren().add(translateCaption);
        pinCaption.setId(PageWalkView.PIN_CAPTION_ID);
        translateCaption.setId(PageWalkView.TRANSLATION_CAPTION_ID);
        getChildren().addAll(virtualCard, pinArrow, physicalCard, translateArrow, dmaCard);
    }

    private static VBox card(String id, String kind) {
        VBox b = new VBox(3);
        b.setId(id);
        b.getStyleClass().addAll(CARD, kind);
        b.setMinWidth(150);
        b.setPrefWidth(300);
        b.setMaxWidth(420);
        HBox.setHgrow(b, Priority.ALWAYS);
        return b;
    }

    private static VBox arrow(String id) {
        Label glyph = new Label("⟶");
        glyph.getStyleClass().add(ARROW_GLYPH);
        VBox b = new VBox(0, glyph);
        b.setId(id);
        b.getStyleClass().add(ARROW);
        b.setAlignment(Pos.CENTER);
        b.setMinWidth(110);
        b.setPrefWidth(170);
        b.setMaxWidth(210);
        HBox.setHgrow(b, Priority.SOMETIMES);
        return b;
    }

    private static Label text(String styleClass) {
        Label l = new Label();
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        l.setMinWidth(0);
        return l;
    }

    void show(SegmentTrail trail, SegmentTrail.Stop stop) {
        Mapping m = trail.mapping();
        PinnedBuffer pinned = m.pinned();
        boolean p2p = pinned != null && pinned.isP2p();
        showVirtual(trail, stop, pinned, p2p);
        showPhysical(m, stop, pinned, p2p);
        showDma(trail, stop);
    }

    private void showVirtual(SegmentTrail trail, SegmentTrail.Stop stop, PinnedBuffer pinned, boolean p2p) {
        virtualTitle.setText(p2p ? "CPU virtual (kernel)" : "CPU virtual (user buffer)");
        String base = p2p ? "p2pmem" : "buf";
        if (stop.bufferOffset() < 0) {
            Values.set(virtualValue, "—", null, "This page holds no byte of the buffer");
            Values.set(virtualPage, "", null, null);
            virtualNote.setText("");
        } else {
            long page = trail.virtualPage(stop.bufferOffset());
            Values.set(virtualValue, base + " + " + Hex.addr(stop.bufferOffset()), Hex.addr(stop.bufferOffset()),
                    "Byte " + stop.bufferOffset() + " of the buffer");
            Values.set(virtualPage, "virtual page " + page + " of " + (pinned == null ? "?" : pinned.pageCount()), null,
                    "The buffer starts " + Hex.addr(pinned == null ? 0 : pinned.offset()) + " into its first page");
            virtualNote.setText(p2p
                    ? "The kernel's mapping of the BAR pages (pci_alloc_p2pmem); its virtual address is not modelled."
                    : "e.g. " + Hex.addr(trail.illustrativeVirtual(stop.bufferOffset()))
                            + " — the base is illustrative: the model pins the buffer's pages, it has no process "
                                    + "address space.");
        }
        pinCaption.setText(p2p ? "pci_alloc_p2pmem(): pages of the provider's BAR (ZONE_DEVICE)"
                : "CPU page table (MMU): pin_user_pages() holds this page in place");
    }

    private void showPhysical(Mapping m, SegmentTrail.Stop stop, PinnedBuffer pinned, boolean p2p) {
        physicalTitle.setText("CPU physical");
        if (stop.input() < 0 && stop.phys() == 0) {
            Values.set(physicalValue, "—", null, null);
            Values.set(physicalPage, "", null, null);
            Values.set(physicalEntry, "", null, null);
            physicalMemory.setText("");
            return;
        }
        Values.address(physicalValue, stop.phys(), "CPU physical address of the data");
        long page = stop.phys() & -SegmentTrail.PAGE_SIZE;
        Values.set(physicalPage, "page " + Hex.addr(page) + " + " + Hex.addr(stop.phys() - page), null, null);
        InputEntries in = m.inputs();
        if (stop.input() >= 0) {
            String kind = in.kind() == InputEntries.Kind.SCATTERLIST ? "scatterlist entry " : "phys_vec ";
            Values.set(physicalEntry, kind + stop.input() + " (" + ByteSize.format(in.length(stop.input())) + ")", null,
                    "The input entry holding this byte: " + Hex.addr(in.phys(stop.input())) + " + "
                            + in.length(stop.input()) + " bytes");
        } else {
            Values.set(physicalEntry, "", null, null);
        }
        if (p2p) {
            P2pProvider pr = pinned.provider();
            physicalMemory.setText("P2P memory: " + pr.label() + " (BAR at " + Hex.addr(pr.barCpuStart()) + ")");
        } else {
            physicalMemory.setText("System RAM");
        }
    }

    private void showDma(SegmentTrail trail, SegmentTrail.Stop stop) {
        Mapping m = trail.mapping();
        DmaSegments seg = m.segments();
        int s = trail.segment();
        String flags = String.join(" ", seg.flagNames(s));
        Values.set(dmaSegment, "segment " + s + ": " + Hex.addr(seg.address(s)) + " + " + ByteSize.format(seg.length(s))
                + (flags.isEmpty() ? "" : "  [" + flags + "]"), null, "sg_dma_address / sg_dma_len of segment " + s);
        SwiotlbAllocation b = stop.bounce();
        switch (trail.translation()) {
            case IOMMU:
            case IOMMU_BOUNCE: {
                dmaTitle.setText("IOVA (bus address the device uses)");
                Values.address(dmaValue, stop.dma(), "I/O virtual address: the IOMMU translates it");
                MapTrace.IovaAllocation a = trail.iovaAllocation();
                Values.set(dmaDetail, a == null ? "" : "IOVA range " + Hex.addr(a.iova()) + " + " + Hex.addr(a.bytes()),
                        null,
                        a == null ? null : a.pagesAllocated() + " IOVA pages reserved, limit " + Hex.addr(a.limit())
                                + (a.fromRangeCache() ? ", reused from the range cache" : ""));
                dmaNote.setText(b == null ? "The IOMMU maps it to " + Hex.addr(stop.target())
                        + " (the page on the left)."
                        : "The IOMMU maps it to bounce buffer " + Hex.addr(stop.target())
                                + "; swiotlb copies the data.");
                translateCaption.setText(b == null
                        ? "dma-iommu gives the page an IOVA; the IOMMU translates it back through the I/O page table "
                                + "(below)"
                        : "swiotlb copy to the bounce buffer " + Hex.addr(b.tlbAddr())
                                + ", which the IOMMU maps at this IOVA (below)");
                break;
            }
            case BUS_OFFSET: {
                P2pProvider pr = m.pinned().provider();
                dmaTitle.setText("PCI bus address (P2P)");
                Values.address(dmaValue, stop.dma(), "The address the device puts in its TLPs");
                Values.set(dmaDetail, "bus offset " + Hex.addr(pr.busOffset()), Hex.reg(pr.busOffset(), 16),
                        "pci_bus_address - CPU address of the provider's BAR, from the host-bridge window");
                dmaNote.setText("SG_DMA_BUS_ADDRESS: peer to peer, never through the IOMMU.");
                translateCaption.setText("bus address = CPU physical + the provider's bus offset "
                        + Hex.addr(pr.busOffset()));
                break;
            }
            case SWIOTLB: {
                dmaTitle.setText("DMA address (bounce buffer)");
                Values.address(dmaValue, stop.dma(), "The bounce buffer as the device sees it");
                Values.set(dmaDetail, b == null ? "" : "bounce buffer " + Hex.addr(b.tlbAddr()) + ", slots "
                        + b.firstSlot() + "–"
                        + (b.firstSlot() + b.nslots() - 1), null,
                        b == null ? null : b.nslots() + " slots of " + SwiotlbPool.IO_TLB_SIZE + " bytes, area "
                                + b.area());
                dmaNote.setText("The CPU copies the data between the page and the bounce buffer (swiotlb_sync).");
                translateCaption.setText("swiotlb: the data is copied to a bounce buffer, and the device is given "
                        + "the bounce buffer's address");
                break;
            }
            case RANGE_MAP:
                dmaTitle.setText("DMA address");
                Values.address(dmaValue, stop.dma(), null);
                Values.set(dmaDetail, "shifted by " + Hex.addr(stop.dma() - stop.phys()), null,
                        m.device().rangeMap().toString());
                dmaNote.setText("dma-direct: no IOMMU translation.");
                translateCaption.setText("dma-direct through the host bridge's dma_range_map");
                break;
            case UNSET:
                dmaTitle.setText("DMA address");
                Values.set(dmaValue, "unset", null, "sg_dma_address was never assigned");
                Values.set(dmaDetail, "", null, null);
                dmaNote.setText("Linux 6.16–7.0 dma-direct leaves THRU_HOST_BRIDGE entries without an address "
                        + "(fixed in 7.1).");
                translateCaption.setText("no translation: the kernel left the address unassigned");
                break;
            default:
                dmaTitle.setText("DMA address");
                Values.address(dmaValue, stop.dma(), null);
                Values.set(dmaDetail, "", null, null);
                dmaNote.setText("dma-direct: no IOMMU translation.");
                translateCaption.setText("identity: DMA address = CPU physical address");
                break;
        }
    }
}
