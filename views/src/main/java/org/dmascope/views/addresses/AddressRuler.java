package org.dmascope.views.addresses;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;

import org.dmascope.model.addresses.AddressSpace;
import org.dmascope.model.addresses.MappedRange;
import org.dmascope.model.addresses.Owner;
import org.dmascope.model.addresses.RangeKind;
import org.dmascope.model.topology.AddressRange;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The rulers of one address space: a scale with its ticks, then one lane per kind of range (System RAM,
 * host-bridge windows, bridge windows, BARs …), each range a box from its first to past its last byte on the
 * model's {@link AddressScale}. Ranges that overlap in a lane (a root port's window and the switch's inside it)
 * stack in rows. A range with a problem has the problem colour, a warning sign and its problem's title in its
 * label; an assumed range (not in the input, such as the RAM of an lspci export) is striped, dashed and says
 * "assumed"; the selected range is outlined. Clicking selects; a double click zooms to the range.
 */
final class AddressRuler extends Region {
    static final double LANE_LABEL_WIDTH = 230;
    static final double SCALE_HEIGHT = 40;
    static final double ROW_HEIGHT = 26;
    static final double LANE_GAP = 8;
    /** A range is drawn at least this wide, so a 4 KiB BAR shows in a 256 TiB overview. */
    static final double MIN_WIDTH = 4;

    private final AddressMapViewModel model;
    private final Runnable onPick;
    private double builtWidth = -1;

    /** @param onPick run after a click selected a range (the window selects its device on the canvas) */
    AddressRuler(AddressMapViewModel model, Runnable onPick) {
        this.model = model;
        this.onPick = onPick;
        getStyleClass().add("address-ruler");
        setFocusTraversable(true);
        model.spaceProperty().addListener((o, a, b) -> rebuild());
        model.scaleProperty().addListener((o, a, b) -> rebuild());
        model.selectedProperty().addListener((o, a, b) -> markSelected());
        setOnMouseClicked(e -> requestFocus());
    }

    @Override
    protected void layoutChildren() {
        if (getWidth() != builtWidth) rebuild();
    }

    @Override
    protected double computePrefHeight(double width) {
        AddressSpace s = model.getSpace();
        if (s == null) return SCALE_HEIGHT;
        double h = SCALE_HEIGHT;
        for (List<List<MappedRange>> rows : lanes(s).values()) h += rows.size() * ROW_HEIGHT + LANE_GAP;
        return h;
    }

    @Override
    protected double computePrefWidth(double height) {
        return LANE_LABEL_WIDTH + 700;
    }

    /** Each kind's ranges in rows: a range goes in the first row whose last range ends before it starts. */
    static Map<RangeKind, List<List<MappedRange>>> lanes(AddressSpace s) {
        Map<RangeKind, List<List<MappedRange>>> out = new EnumMap<>(RangeKind.class);
        Map<RangeKind, List<Long>> rowEnds = new EnumMap<>(RangeKind.class);
        for (MappedRange r : s.ranges()) {
            List<List<MappedRange>> rows = out.computeIfAbsent(r.kind(), k -> new ArrayList<>());
            List<Long> ends = rowEnds.computeIfAbsent(r.kind(), k -> new ArrayList<>());
            int row = 0;
            while (row < ends.size() && Long.compareUnsigned(ends.get(row), r.range().start()) >= 0) row++;
            if (row == ends.size()) {
                rows.add(new ArrayList<>());
                ends.add(r.range().end());
            } else {
                ends.set(row, r.range().end());
            }
            rows.get(row).add(r);
        }
        return out;
    }

    private void rebuild() {
        builtWidth = getWidth();
        getChildren().clear();
        AddressSpace s = model.getSpace();
        double width = getWidth() - LANE_LABEL_WIDTH - 8;
        if (s == null || width <= 20) return;
        AddressScale scale = model.getScale();
        for (AddressScale.Tick t : scale.ticks(width)) {
            double x = LANE_LABEL_WIDTH + t.x();
            if (x < LANE_LABEL_WIDTH - 1 || x > getWidth()) continue;
            Line tick = new Line(x, SCALE_HEIGHT - 10, x, getHeight() > 0 ? getHeight() : computePrefHeight(-1));
            tick.getStyleClass().add("tick");
            tick.setManaged(false);
            Label label = new Label(t.label());
            label.getStyleClass().add("tick-label");
            label.setManaged(false);
            getChildren().addAll(tick, label);
            // Unmanaged: it is sized here, once its style is known.
            label.applyCss();
            label.autosize();
            label.relocate(Math.max(LANE_LABEL_WIDTH, Math.min(x + 2, getWidth() - label.getWidth() - 2)), 4);
        }
        double y = SCALE_HEIGHT;
        Map<MappedRange, Integer> order = new IdentityHashMap<>();
        for (MappedRange r : s.ranges()) order.put(r, order.size());
        for (Map.Entry<RangeKind, List<List<MappedRange>>> lane : lanes(s).entrySet()) {
            int count = lane.getValue().stream().mapToInt(List::size).sum();
            boolean allAssumed = lane.getValue().stream().flatMap(List::stream).allMatch(MappedRange::assumed);
            Label name = new Label(laneTitle(lane.getKey()) + (allAssumed ? ", assumed" : "") + " (" + count + ")");
            name.setTooltip(new Tooltip(lane.getKey().title() + (allAssumed ? ": not in the input, assumed where it "
                    + "is silent" : "")));
            name.getStyleClass().addAll("lane-label", lane(lane.getKey()));
            name.setManaged(false);
            name.resizeRelocate(4, y, LANE_LABEL_WIDTH - 8, ROW_HEIGHT);
            Region band = new Region();
            band.getStyleClass().add("lane-band");
            band.setManaged(false);
            double laneHeight = lane.getValue().size() * ROW_HEIGHT;
            band.resizeRelocate(LANE_LABEL_WIDTH, y, width + 4, laneHeight);
            getChildren().addAll(band, name);
            for (List<MappedRange> row : lane.getValue()) {
                for (MappedRange r : row) {
                    if (!scale.shows(r.range())) continue;
                    getChildren().add(box(r, order.get(r), scale, width, y));
                }
                y += ROW_HEIGHT;
            }
            y += LANE_GAP;
        }
        markSelected();
    }

    private StackPane box(MappedRange r, int index, AddressScale scale, double width, double y) {
        double x0 = Math.max(-2, scale.x(r.range().start(), width));
        double x1 = Math.min(width + 2, scale.xEnd(r.range(), width));
        if (x1 - x0 < MIN_WIDTH) x1 = x0 + MIN_WIDTH;
        Label text = new Label((r.hasProblems() ? "⚠ " : "") + shortText(r));
        text.setTextOverrun(OverrunStyle.ELLIPSIS);
        text.setMinWidth(0);
        text.getStyleClass().add("range-text");
        StackPane box = new StackPane(text);
        StackPane.setAlignment(text, Pos.CENTER_LEFT);
        box.getStyleClass().addAll("address-range", lane(r.kind()));
        if (r.hasProblems()) box.getStyleClass().add("has-problem");
        if (r.assumed()) box.getStyleClass().add("assumed");
        box.setId("address-range-" + index);
        box.setUserData(r);
        box.setManaged(false);
        box.resizeRelocate(LANE_LABEL_WIDTH + x0, y + 2, x1 - x0, ROW_HEIGHT - 4);
        Tooltip.install(box, new Tooltip(describe(r)));
        box.setOnMouseClicked(e -> {
            model.select(r);
            requestFocus();
            if (e.getClickCount() == 2) model.zoomToSelected();
            onPick.run();
            e.consume();
        });
        return box;
    }

    private void markSelected() {
        MappedRange sel = model.getSelected();
        getChildren().forEach(n -> {
            if (!n.getStyleClass().contains("address-range")) return;
            boolean on = n.getUserData() == sel;
            if (on && !n.getStyleClass().contains("selected")) n.getStyleClass().add("selected");
            if (!on) n.getStyleClass().remove("selected");
        });
    }

    /** The lane's name, short enough for the lane column. */
    static String laneTitle(RangeKind k) {
        return k == RangeKind.BRIDGE_PREFETCHABLE ? "Bridge pref. window" : k.title();
    }

    static String lane(RangeKind k) {
        return "kind-" + k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the box says: the owner and the range's own name ({@code 03:00.0 BAR 1 256 MiB}), problem first. */
    static String shortText(MappedRange r) {
        String owner = r.owner().kind() == Owner.Kind.FUNCTION ? r.owner().function().map(b -> b.shortText())
                .orElse(r.owner().label()) : r.owner().label();
        String what = r.detail().contains(",") ? r.detail().substring(0, r.detail().indexOf(',')) : r.detail();
        String problem = r.hasProblems() ? r.problems().get(0).kind().title() + ": " : "";
        return problem + owner + " " + what + " " + ByteSize.human(r.range().size())
                + (r.assumed() ? " (assumed)" : "");
    }

    /** Everything about a range, for the tooltip and the details pane. */
    static String describe(MappedRange r) {
        AddressRange a = r.range();
        StringBuilder sb = new StringBuilder();
        sb.append(r.kind().title()).append(r.assumed() ? " (assumed: not in the input)" : "").append("  ")
                .append(Hex.addr(a.start())).append(" – ").append(Hex.addr(a.end()))
                .append("  (").append(ByteSize.human(a.size())).append(")\n");
        sb.append(r.owner().label()).append(" — ").append(r.detail());
        r.problems().forEach(p -> sb.append("\n⚠ ").append(p));
        return sb.toString();
    }
}
