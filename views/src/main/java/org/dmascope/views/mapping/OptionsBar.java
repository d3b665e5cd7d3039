package org.dmascope.views.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.mapping.MapApi;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;

/**
 * The mapping options as combo boxes: API, IOMMU mode, the device's DMA mask, max segment size and
 * segment boundary, for block requests the NVMe MDTS and the queue's max_sectors_kb, and the kernel.
 * "device" and "as the kernel decides" leave the value to the
 * topology and the kernel's rules. A change recomputes the last drop at once.
 */
final class OptionsBar extends FlowPane {
    static final String STYLE_CLASS = "options-bar";
    static final String API_ID = "option-api";
    static final String IOMMU_ID = "option-iommu";
    static final String MASK_ID = "option-mask";
    static final String MAX_SEG_ID = "option-max-seg";
    static final String BOUNDARY_ID = "option-boundary";
    static final String KERNEL_ID = "option-kernel";
    static final String MDTS_ID = "option-mdts";
    static final String MAX_SECTORS_ID = "option-max-sectors-kb";
    static final String KERNEL_DECIDES_ID = "options-kernel-decides";
    /** On a field whose value is the user's, not the kernel's or the device's. */
    static final PseudoClass CHOSEN = PseudoClass.getPseudoClass("chosen");
    /** On an API choice the kernel does not have. */
    static final PseudoClass NOT_IN_KERNEL = PseudoClass.getPseudoClass("not-in-kernel");
    static final String CHOSEN_TIP = "Your choice, remembered for this machine: the kernel or the device would "
            + "decide otherwise. ↺ Kernel decides puts every option back.";

    static final List<Choice<MapApi>> APIS = List.of(new Choice<>(MapApi.SG, "dma_map_sg"),
            new Choice<>(MapApi.PHYS, "dma_map_phys"), new Choice<>(MapApi.BLOCK, "block request"),
            new Choice<>(MapApi.IOVA, "two-step IOVA"));
    static final List<Choice<Optional<IommuMode>>> MODES = List.of(
            new Choice<>(Optional.empty(), "kernel decides"),
            new Choice<>(Optional.of(IommuMode.DMA), "DMA, strict"),
            new Choice<>(Optional.of(IommuMode.DMA_FQ), "DMA-FQ, lazy"),
            new Choice<>(Optional.of(IommuMode.IDENTITY), "identity"),
            new Choice<>(Optional.of(IommuMode.OFF), "off"));
    static final List<Choice<OptionalInt>> MASKS = List.of(new Choice<>(OptionalInt.empty(), "device's"),
            new Choice<>(OptionalInt.of(24), "24 bits"), new Choice<>(OptionalInt.of(32), "32 bits"),
            new Choice<>(OptionalInt.of(36), "36 bits"), new Choice<>(OptionalInt.of(40), "40 bits"),
            new Choice<>(OptionalInt.of(44), "44 bits"), new Choice<>(OptionalInt.of(48), "48 bits"),
            new Choice<>(OptionalInt.of(64), "64 bits"));
    static final List<Choice<OptionalLong>> MAX_SEGMENTS = List.of(new Choice<>(OptionalLong.empty(), "device's"),
            new Choice<>(OptionalLong.of(4096), "4 KiB"), new Choice<>(OptionalLong.of(16384), "16 KiB"),
            new Choice<>(OptionalLong.of(65536), "64 KiB"), new Choice<>(OptionalLong.of(1L << 20), "1 MiB"),
            new Choice<>(OptionalLong.of(0xFFFF_FFFFL), "4 GiB − 1"));
    static final List<Choice<OptionalLong>> BOUNDARIES = List.of(new Choice<>(OptionalLong.empty(), "device's"),
            new Choice<>(OptionalLong.of(0xFFFFL), "0xffff"), new Choice<>(OptionalLong.of(0xF_FFFFL), "0xfffff"),
            new Choice<>(OptionalLong.of(0xFFFF_FFFFL), "0xffffffff"), new Choice<>(OptionalLong.of(-1L), "none"));

    /** NVMe MDTS in 4 KiB controller pages, a power of two: 2^N pages (0: no limit). */
    static final List<Choice<OptionalInt>> MDTS = List.of(new Choice<>(OptionalInt.empty(), "device's"),
            new Choice<>(OptionalInt.of(0), "0 (no limit)"), new Choice<>(OptionalInt.of(3), "3 (32 KiB)"),
            new Choice<>(OptionalInt.of(5), "5 (128 KiB)"), new Choice<>(OptionalInt.of(6), "6 (256 KiB)"),
            new Choice<>(OptionalInt.of(7), "7 (512 KiB)"), new Choice<>(OptionalInt.of(8), "8 (1 MiB)"),
            new Choice<>(OptionalInt.of(9), "9 (2 MiB)"), new Choice<>(OptionalInt.of(10), "10 (4 MiB)"));
    static final List<Choice<OptionalLong>> MAX_SECTORS_KB = List.of(new Choice<>(OptionalLong.empty(),
            "block layer's"), new Choice<>(OptionalLong.of(64), "64"), new Choice<>(OptionalLong.of(128), "128"),
            new Choice<>(OptionalLong.of(256), "256"), new Choice<>(OptionalLong.of(512), "512"),
            new Choice<>(OptionalLong.of(1024), "1024"), new Choice<>(OptionalLong.of(1280), "1280"),
            new Choice<>(OptionalLong.of(4096), "4096"));

    private static final String IOMMU_TIP = "The initiator's IOMMU default domain: DMA (strict), DMA-FQ (lazy flush "
            + "queue), "
            + "identity (passthrough: dma-direct), off (no IOMMU); \"kernel decides\" follows R-GRP-3";

    private final MappingViewModel model;
    private final ComboBox<Choice<MapApi>> api = combo(API_ID, APIS);
    private final ComboBox<Choice<Optional<IommuMode>>> iommu = combo(IOMMU_ID, MODES);
    private final ComboBox<Choice<OptionalInt>> mask = combo(MASK_ID, MASKS);
    private final ComboBox<Choice<OptionalLong>> maxSeg = combo(MAX_SEG_ID, MAX_SEGMENTS);
    private final ComboBox<Choice<OptionalLong>> boundary = combo(BOUNDARY_ID, BOUNDARIES);
    private final ComboBox<Choice<OptionalInt>> mdts = combo(MDTS_ID, MDTS);
    private final ComboBox<Choice<OptionalLong>> maxSectors = combo(MAX_SECTORS_ID, MAX_SECTORS_KB);
    private final ComboBox<Choice<KernelProfile>> kernel = combo(KERNEL_ID,
            java.util.Arrays.stream(KernelProfile.values()).map(p -> new Choice<>(p, kernelWords(p))).toList());
    private final ChangeListener<MapOptions> optionsListener = (o, a, b) -> show(b);
    private final ChangeListener<KernelProfile> kernelListener = (o, a, b) -> showKernel(b);
    private final ChangeListener<MapOutcome> outcomeListener = (o, a, b) -> showReasons(b);
    private final Hyperlink kernelDecides = new Hyperlink("↺ Kernel decides");
    private final Map<ComboBox<?>, HBox> fields = new HashMap<>();
    private final ChangeListener<Object> overridesListener = (o, a, b) -> showChosen();
    private boolean showing;

    OptionsBar(MappingViewModel model) {
        this.model = model;
        getStyleClass().add(STYLE_CLASS);
        setHgap(10);
        setVgap(4);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(field("API", api, "The driver's DMA API call"),
                field("IOMMU", iommu, IOMMU_TIP),
                field("Mask", mask, "dma_set_mask(): which bus addresses the device can emit"),
                field("Max seg", maxSeg, "dma_set_max_seg_size()"),
                field("Boundary", boundary, "dma_set_seg_boundary(): no segment may cross it"),
                field("MDTS", mdts, "Block requests: the NVMe controller's Maximum Data Transfer Size (nvme "
                        + "id-ctrl; lspci does not show it), 2^MDTS controller pages; it caps max_hw_sectors"),
                field("max_sectors_kb", maxSectors, "Block requests: /sys/block/…/queue/max_sectors_kb as set on the "
                        + "machine (lspci does not show it); requests are split at it"),
                field("Kernel", kernel, "Which kernel's rules apply; another kernel boots with nothing mapped"),
                kernelDecides);
        kernelDecides.setId(KERNEL_DECIDES_ID);
        kernelDecides.getStyleClass().add("kernel-decides");
        kernelDecides.setTooltip(new Tooltip("Your choices are marked: give the IOMMU mode and the DMA parameters back "
                + "to the kernel's rules and the device (the API stays)"));
        kernelDecides.setOnAction(e -> model.options().kernelDecides());
        kernelDecides.managedProperty().bind(kernelDecides.visibleProperty());
        for (Node n : getChildren()) {
            if (n instanceof HBox h && h.getChildren().get(1) instanceof ComboBox<?> c) fields.put(c, h);
        }
        setMinHeight(USE_PREF_SIZE);
        api.setCellFactory(v -> new ApiCell(false));
        api.setButtonCell(new ApiCell(true));
        show(model.options().optionsProperty().get());
        showKernel(model.options().kernelProperty().getValue());
        api.valueProperty().addListener((o, a, b) -> edited(x -> x.withApi(b.value())));
        iommu.valueProperty().addListener((o, a, b) -> edited(x -> x.withIommuMode(b.value())));
        mask.valueProperty().addListener((o, a, b) -> edited(x -> x.withDmaMaskBits(b.value())));
        maxSeg.valueProperty().addListener((o, a, b) -> edited(x -> x.withMaxSegmentSize(b.value())));
        boundary.valueProperty().addListener((o, a, b) -> edited(x -> x.withSegmentBoundaryMask(b.value())));
        mdts.valueProperty().addListener((o, a, b) -> edited(x -> x.withQueue(x.queue().withMdts(b.value()))));
        maxSectors.valueProperty().addListener((o, a, b) -> edited(x -> x.withQueue(x.queue()
                .withMaxSectorsKb(b.value()))));
        kernel.valueProperty().addListener((o, a, b) -> {
            if (!showing) model.options().chooseKernel(b.value());
        });
        model.options().optionsProperty().addListener(optionsListener);
        model.options().kernelProperty().addListener(kernelListener);
        model.outcomeProperty().addListener(outcomeListener);
        model.options().overridesProperty().addListener(overridesListener);
        showChosen();
    }

    /** {@code 6.19 mainline}, {@code 5.4 LTS}: short enough for one row of options. */
    static String kernelWords(KernelProfile p) {
        return p.label().replace("Linux ", "").replace("(", "").replace(")", "");
    }

    void dispose() {
        model.options().optionsProperty().removeListener(optionsListener);
        model.options().kernelProperty().removeListener(kernelListener);
        model.outcomeProperty().removeListener(outcomeListener);
        model.options().overridesProperty().removeListener(overridesListener);
    }

    private static <T> ComboBox<Choice<T>> combo(String id, List<Choice<T>> choices) {
        ComboBox<Choice<T>> c = new ComboBox<>();
        c.setId(id);
        c.getItems().setAll(choices);
        c.setVisibleRowCount(choices.size());
        return c;
    }

    private static HBox field(String name, ComboBox<?> box, String tip) {
        Label l = new Label(name);
        l.getStyleClass().add("option-label");
        l.setLabelFor(box);
        box.setTooltip(new Tooltip(tip));
        Label mark = new Label("your choice");
        mark.getStyleClass().add("chosen-mark");
        mark.setVisible(false);
        mark.managedProperty().bind(mark.visibleProperty());
        HBox h = new HBox(5, l, box, mark);
        h.getStyleClass().add("option-field");
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private void edited(Function<MapOptions, MapOptions> change) {
        if (showing) return;
        MapOptions current = model.options().optionsProperty().get();
        MapOptions next = change.apply(current);
        if (!next.equals(current)) model.options().optionsProperty().set(next);
    }

    private void show(MapOptions o) {
        showing = true;
        try {
            select(api, o.api());
            select(iommu, o.iommuMode());
            select(mask, o.dma().maskBits());
            select(maxSeg, o.dma().maxSegmentSize());
            select(boundary, o.dma().segmentBoundaryMask());
            select(mdts, o.queue().mdts());
            select(maxSectors, o.queue().maxSectorsKb());
            // the queue limits matter to block requests only
            for (ComboBox<?> c : List.of(mdts, maxSectors)) {
                HBox f = fields.get(c);
                if (f != null) {
                    f.setVisible(o.api() == MapApi.BLOCK);
                    f.setManaged(o.api() == MapApi.BLOCK);
                }
            }
        } finally {
            showing = false;
        }
        showChosen();
    }

    /** Marks each field the user chose, and offers the way back when there is one. */
    private void showChosen() {
        for (ComboBox<?> c : List.of(iommu, mask, maxSeg, boundary, mdts, maxSectors)) {
            chosen(c, c.getSelectionModel().getSelectedIndex() != 0);
        }
        chosen(kernel, model.options().kernelChosen());
        kernelDecides.setVisible(model.options().hasChoices());
    }

    private void chosen(ComboBox<?> c, boolean yes) {
        HBox f = fields.get(c);
        if (f == null) return;
        f.pseudoClassStateChanged(CHOSEN, yes);
        f.getChildren().get(2).setVisible(yes);
        String tip = c.getTooltip().getText();
        boolean marked = tip.endsWith(CHOSEN_TIP);
        if (yes && !marked) c.getTooltip().setText(tip + "\n\n" + CHOSEN_TIP);
        if (!yes && marked) c.getTooltip().setText(tip.substring(0, tip.length() - CHOSEN_TIP.length()).strip());
    }

    private void showKernel(KernelProfile p) {
        showing = true;
        try {
            select(kernel, p);
        } finally {
            showing = false;
        }
        api.setCellFactory(v -> new ApiCell(false));
        api.setButtonCell(new ApiCell(true));
        showChosen();
    }

    /**
     * An API the kernel does not have is offered disabled, its tooltip saying since when the kernel has it
     * (the model's sentence: "dma_iova_try_alloc is not in Linux 6.12 (since 6.16)").
     */
    private final class ApiCell extends ListCell<Choice<MapApi>> {
        /** The combo's own face: it says so too, but stays usable, so another API can be chosen. */
        private final boolean face;

        ApiCell(boolean face) {
            this.face = face;
        }

        @Override
        protected void updateItem(Choice<MapApi> item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setDisable(false);
                setTooltip(null);
                return;
            }
            Optional<String> missing = model.options().notInKernel(item.value());
            setText(item.text() + missing.map(m -> " (not in this kernel)").orElse(""));
            setDisable(!face && missing.isPresent());
            setTooltip(missing.map(Tooltip::new).orElse(null));
            pseudoClassStateChanged(NOT_IN_KERNEL, missing.isPresent());
        }
    }

    /** A value the list does not offer (from older preferences) is added, so it still shows. */
    private static <T> void select(ComboBox<Choice<T>> box, T value) {
        Optional<Choice<T>> c = box.getItems().stream().filter(x -> Objects.equals(x.value(), value)).findFirst();
        if (c.isEmpty()) {
            Choice<T> added = new Choice<>(value, String.valueOf(value).replace("OptionalLong",
                    "").replace("OptionalInt", ""));
            box.getItems().add(added);
            c = Optional.of(added);
        }
        box.setValue(c.get());
    }

    private void showReasons(MapOutcome out) {
        String why = out == null || out.iommuReason().isEmpty() ? "" : "\n\nFor the last drop: " + out.iommuReason();
        if (out != null && out.call().options().iommuMode().isPresent() && out.kernelIommu().isPresent()) {
            why += "\nThe kernel's rules give the device: " + out.kernelIommu().get().mode().words() + " ("
                    + out.kernelIommu().get().reason() + ")";
        }
        iommu.getTooltip().setText(IOMMU_TIP + why);
        showChosen();
    }
}
