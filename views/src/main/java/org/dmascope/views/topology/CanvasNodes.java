package org.dmascope.views.topology;

import java.util.Locale;
import java.util.Optional;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.util.Duration;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.topology.LayoutBox.BoxKind;

/** Builds the node for each box and connector of a layout. */
final class CanvasNodes {
    static final String ITEM = "dmascope.item";
    static final String VF_TOGGLE = "dmascope.vfToggle";
    static final String TIP = "dmascope.tip";

    static final String DEVICE_CARD = "device-card";
    static final String PORT_MARKER = "port-marker";
    static final String UPSTREAM_PORT = "upstream-port";
    static final String DOWNSTREAM_PORT = "downstream-port";
    static final String SWITCH_FRAME = "switch-frame";
    static final String HOST_BRIDGE = "host-bridge";
    static final String ORPHAN_BUS = "orphan-bus";
    static final String NUMA_GROUP = "numa-group";
    static final String ORPHAN_GROUP = "orphan-group";
    static final String VF_GROUP = "vf-group";
    static final String VF_CHIP = "vf-chip";
    static final String CONNECTOR = "connector";
    static final String LINK_LABEL = "link-label";
    static final String DOWNGRADED = "downgraded";
    static final String TITLE = "title";
    static final String DETAIL = "detail";
    static final String ADDRESS = "address";
    static final String NAME = "name";
    static final String BADGE = "badge";

    private static final Duration TOOLTIP_DELAY = Duration.millis(400);

    private final Topology topology;

    CanvasNodes(Topology topology) {
        this.topology = topology;
    }

    Node box(LayoutBox b) {
        Node n = switch (b.kind()) {
            case NUMA_GROUP -> group(b, NUMA_GROUP, b.item().isPresent() ? AppIcon.NUMA : AppIcon.UNKNOWN);
            case ORPHAN_GROUP -> group(b, ORPHAN_GROUP, AppIcon.UNKNOWN);
            case HOST_BRIDGE -> bar(b, HOST_BRIDGE, AppIcon.HOST_BRIDGE);
            case ORPHAN_BUS -> bar(b, ORPHAN_BUS, AppIcon.UNKNOWN);
            case DEVICE -> card(function(b));
            case SWITCH -> switchFrame(b);
            case UPSTREAM_PORT -> port(function(b), UPSTREAM_PORT, "Upstream port");
            case DOWNSTREAM_PORT -> port(function(b), DOWNSTREAM_PORT, "Downstream port");
            case VF_GROUP -> vfGroup(b);
            case VIRTUAL_FUNCTION -> vfChip(function(b));
        };
        b.item().ifPresent(i -> {
            n.setId(i.nodeId());
            n.getProperties().put(ITEM, i);
        });
        return DrawingPane.at(n, b.bounds());
    }

    private PciFunction function(LayoutBox b) {
        Bdf a = b.function().orElseThrow();
        return topology.function(a).orElseThrow(() -> new IllegalStateException("layout names " + a
                + " which the topology lacks"));
    }

    private static String kindClass(PciFunction f) {
        return "kind-" + AppIcon.of(f.kind()).fileName();
    }

    /**
     * Remembers a tooltip text; the Tooltip itself (a popup control, costly by the hundred) is made when
     * the pointer first enters the node.
     */
    private static void tip(Node n, String text) {
        n.getProperties().put(TIP, text);
    }

    /** Installs the remembered tooltip of the node under the pointer, once. */
    static void installTip(Node n) {
        Object text = n.getProperties().remove(TIP);
        if (text == null) return;
        Tooltip t = new Tooltip(text.toString());
        t.setShowDelay(TOOLTIP_DELAY);
        Tooltip.install(n, t);
    }

    private static Label label(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        l.setMinWidth(0);
        l.setTextOverrun(OverrunStyle.ELLIPSIS);
        return l;
    }

    private Node card(PciFunction f) {
        DeviceCard card = new DeviceCard(f);
        tip(card, DeviceText.fullName(f) + "\n" + f.address() + " · " + DeviceText.detail(f));
        return card;
    }

    private Node port(PciFunction f, String styleClass, String what) {
        Label l = label(f.address().shortText(), PORT_MARKER);
        l.getStyleClass().addAll(styleClass, kindClass(f));
        l.setAlignment(Pos.CENTER);
        tip(l, what + " " + f.address() + "\n" + DeviceText.fullName(f) + f.driver().map(d -> " · " + d).orElse(""));
        return l;
    }

    private Node vfChip(PciFunction f) {
        Label l = label(f.address().shortText(), VF_CHIP);
        l.setGraphic(AppIcon.VIRTUAL_FUNCTION.graphic(12));
        l.setAlignment(Pos.CENTER);
        tip(l, "Virtual function " + f.address() + "\n" + DeviceText.fullName(f) + f.driver().map(d -> " · " + d)
                .orElse(""));
        return l;
    }

    private Node vfGroup(LayoutBox b) {
        Bdf pf = b.owner().orElseThrow();
        String id = "vf-group-" + TopologyItem.sanitise(pf.toString());
        if (!b.expanded()) {
            Label chip = label(b.title(), VF_GROUP);
            chip.getStyleClass().add("collapsed");
            chip.setGraphic(AppIcon.EXPAND.graphic(12));
            chip.setAlignment(Pos.CENTER);
            chip.setId(id);
            chip.getProperties().put(VF_TOGGLE, pf);
            tip(chip, "Show the " + b.title() + " of " + pf);
            return chip;
        }
        Label header = label(b.title(), TITLE);
        header.setGraphic(AppIcon.COLLAPSE.graphic(12));
        header.getProperties().put(VF_TOGGLE, pf);
        tip(header, "Hide the " + b.title() + " of " + pf);
        Frame frame = new Frame(header, TopologyLayout.VF_HEADER);
        frame.getStyleClass().addAll(VF_GROUP, "expanded");
        frame.setId(id);
        return frame;
    }

    private Node group(LayoutBox b, String styleClass, AppIcon icon) {
        Label header = label(b.title(), TITLE);
        header.setGraphic(icon.graphic(18));
        Frame frame = new Frame(header, TopologyLayout.GROUP_HEADER);
        frame.getStyleClass().add(styleClass);
        if (b.item().isEmpty()) frame.setId(styleClass + "-" + TopologyItem.sanitise(b.title()
                .toLowerCase(Locale.ROOT)));
        return frame;
    }

    private Node bar(LayoutBox b, String styleClass, AppIcon icon) {
        String[] lines = b.title().split("\n", 2);
        Label title = label(lines[0], TITLE);
        Label detail = label(lines.length > 1 ? lines[1] : "", DETAIL);
        Bar bar = new Bar(icon.graphic(24), title, detail);
        bar.getStyleClass().add(styleClass);
        b.item().filter(i -> i instanceof TopologyItem.Host).map(i -> ((TopologyItem.Host) i).id())
                .flatMap(id -> topology.hostBridges().stream().filter(h -> h.id().equals(id)).findFirst())
                .ifPresent(hb -> tip(bar, hostTip(hb)));
        return bar;
    }

    private static String hostTip(HostBridge hb) {
        return "Host bridge " + hb.id() + ": the root of PCI domain " + String.format(Locale.ROOT, "%04x", hb.domain())
                + "\n" + hb.windows().size() + " CPU windows" + (hb.dmaRanges().isEmpty() ? "" : ", " + hb.dmaRanges()
                        .size() + " DMA ranges");
    }

    private Node switchFrame(LayoutBox b) {
        Label title = label(b.title(), TITLE);
        title.setGraphic(AppIcon.SWITCH.graphic(18));
        SwitchFrame frame = new SwitchFrame(title);
        frame.getStyleClass().add(SWITCH_FRAME);
        b.owner().ifPresent(usp -> {
            frame.setId("switch-" + TopologyItem.sanitise(usp.toString()));
            topology.function(usp).ifPresent(f -> tip(frame, "PCIe switch: " + DeviceText.fullName(f)
                    + "\nupstream port "
                    + usp + ", " + b.count() + (b.count() == 1 ? " port" : " ports") + " below"));
        });
        return frame;
    }

    Node connector(Connector c) {
        Path p = new Path();
        p.getElements().add(new MoveTo(c.x(0), c.y(0)));
        for (int i = 1; i < c.pointCount(); i++) p.getElements().add(new LineTo(c.x(i), c.y(i)));
        p.getStyleClass().addAll(CONNECTOR, c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (c.downgraded()) p.getStyleClass().add(DOWNGRADED);
        p.setMouseTransparent(true);
        return p;
    }

    Optional<Node> connectorLabel(Connector c) {
        return c.label().map(l -> {
            Label label = new Label(l.text());
            label.getStyleClass().add(LINK_LABEL);
            label.getStyleClass().add(c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (c.downgraded()) label.getStyleClass().add(DOWNGRADED);
            label.setAlignment(Pos.CENTER);
            label.setMouseTransparent(true);
            return DrawingPane.centredAt(label, l.bounds());
        });
    }

    /** A card: kind icon, short name, address, kind and driver, and a badge for P2P memory or untrusted. */
    static final class DeviceCard extends Region {
        private final Node icon;
        private final Label name;
        private final Label address;
        private final Label detail;
        private final Label badge;
        private static final double ICON = 24;
        private static final double LINE = 16.5;

        DeviceCard(PciFunction f) {
            getStyleClass().addAll(DEVICE_CARD, kindClass(f));
            icon = AppIcon.of(f.kind()).graphic(ICON);
            name = label(DeviceText.shortName(f), NAME);
            name.setWrapText(true);
            address = label(f.address().toString(), ADDRESS);
            detail = label(DeviceText.detail(f), DETAIL);
            String badgeText = DeviceText.badge(f);
            badge = badgeText.isEmpty() ? null : label(badgeText, BADGE);
            getChildren().addAll(icon, name, address, detail);
            if (badge != null) getChildren().add(badge);
        }

        @Override
        protected void layoutChildren() {
            double pad = 7;
            double w = getWidth();
            double h = getHeight();
            double textX = pad + ICON + 7;
            double textW = w - textX - pad;
            double nameH = Math.min(name.prefHeight(textW), 2 * LINE + 2);
            double total = nameH + 2 * LINE;
            double top = Math.max(4, (h - total) / 2);
            icon.resizeRelocate(pad, (h - ICON) / 2, ICON, ICON);
            name.resizeRelocate(textX, top, textW, nameH);
            address.resizeRelocate(textX, top + nameH, textW, LINE);
            detail.resizeRelocate(textX, top + nameH + LINE, textW, LINE);
            if (badge != null) {
                // A tab on the top edge, so it takes no room from the name or the address.
                double bw = badge.prefWidth(-1);
                double bh = badge.prefHeight(bw);
                badge.resizeRelocate(w - pad - bw, -bh / 2, bw, bh);
            }
        }
    }

    /** A frame with a header label along its top edge. */
    static final class Frame extends Region {
        private final Label header;
        private final double headerHeight;

        Frame(Label header, double headerHeight) {
            this.header = header;
            this.headerHeight = headerHeight;
            getChildren().add(header);
        }

        @Override
        protected void layoutChildren() {
            double w = Math.min(header.prefWidth(-1), getWidth() - 20);
            header.resizeRelocate(10, 0, w, headerHeight);
        }
    }

    /** A host bridge or orphan bus bar: icon, title, detail. */
    static final class Bar extends Region {
        private final Node icon;
        private final Label title;
        private final Label detail;

        Bar(Node icon, Label title, Label detail) {
            this.icon = icon;
            this.title = title;
            this.detail = detail;
            getChildren().addAll(icon, title, detail);
        }

        @Override
        protected void layoutChildren() {
            double h = getHeight();
            icon.resizeRelocate(12, (h - 24) / 2, 24, 24);
            double x = 12 + 24 + 10;
            double w = getWidth() - x - 12;
            title.resizeRelocate(x, h / 2 - 18, w, 18);
            detail.resizeRelocate(x, h / 2 + 1, w, 17);
        }
    }

    /** The switch frame: its title runs between the upstream and the downstream ports. */
    static final class SwitchFrame extends Region {
        private final Label title;

        SwitchFrame(Label title) {
            this.title = title;
            getChildren().add(title);
        }

        @Override
        protected void layoutChildren() {
            double top = TopologyLayout.PORT_INSET + TopologyLayout.PORT_H;
            double band = getHeight() - 2 * top;
            title.resizeRelocate(12, top + (band - 22) / 2, getWidth() - 24, 22);
        }
    }

}
