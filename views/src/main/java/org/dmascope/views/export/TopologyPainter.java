package org.dmascope.views.export;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.common.AppIcon;
import org.dmascope.views.export.Surface.Stroke;
import org.dmascope.views.topology.CanvasRoute;
import org.dmascope.views.topology.Connector;
import org.dmascope.views.topology.DeviceText;
import org.dmascope.views.topology.GroupColouring;
import org.dmascope.views.topology.LayoutBox;
import org.dmascope.views.topology.LayoutBox.BoxKind;
import org.dmascope.views.topology.LayoutResult;
import org.dmascope.views.topology.Rect;
import org.dmascope.views.topology.RouteGeometry;
import org.dmascope.views.topology.TopologyItem;
import org.dmascope.views.topology.TopologyLayout;

/**
 * Draws a topology layout as the canvas shows it, onto any {@link Surface}: NUMA and switch frames,
 * links and their labels, host bridges, cards with the same names, addresses, details and tabs as the
 * canvas's, the IOMMU group colours and tags with the legend, the route with numbered stops, and the
 * selection. Sizes, fonts and paddings follow the canvas's cards (CanvasNodes) and stylesheet; the
 * colours are the stylesheet's ({@link CanvasPalette}). It draws what the layout and the route say and
 * decides nothing.
 */
final class TopologyPainter {
    /** The legend band above the drawing, as the canvas puts it above its viewport. */
    static final double LEGEND_LINE = 16;
    static final double LEGEND_PAD = 4;
    private static final int LEGEND_MAX_LINES = 4;
    private static final double CARD_PAD = 7;
    private static final double CARD_ICON = 24;
    private static final double CARD_LINE = 16.5;
    private static final double TAG_INSET = 18;

    private static final TextStyle NAME = TextStyle.sansBold(13);
    private static final TextStyle ADDRESS = TextStyle.mono(12.5);
    private static final TextStyle DETAIL = TextStyle.sans(11.5);
    private static final TextStyle BADGE = TextStyle.sansBold(10);
    private static final TextStyle GROUP_TITLE = TextStyle.sansBold(13.5);
    private static final TextStyle BAR_TITLE = TextStyle.sansBold(13);
    private static final TextStyle SWITCH_TITLE = TextStyle.sansBold(12.5);
    private static final TextStyle PORT = TextStyle.monoBold(12);
    private static final TextStyle CHIP = TextStyle.mono(11.5);
    private static final TextStyle VF_TITLE = TextStyle.sans(11.5);
    private static final TextStyle LINK = TextStyle.sansBold(11);
    private static final TextStyle TAG = TextStyle.sansBold(10.5);
    private static final TextStyle STOP = TextStyle.sansBold(11);
    private static final TextStyle BLOCKED = TextStyle.sansBold(12);
    private static final TextStyle MEMORY = TextStyle.sansBold(12);
    private static final TextStyle LEGEND = TextStyle.sans(12);

    private final Topology topology;
    private final LayoutResult layout;
    private final PictureOptions options;
    private final CanvasPalette palette;
    private final TextMeasure measure;

    TopologyPainter(Topology topology, LayoutResult layout, PictureOptions options, CanvasPalette palette,
                    TextMeasure measure) {
        this.topology = topology;
        this.layout = layout;
        this.options = options;
        this.palette = palette;
        this.measure = measure;
    }

    /** The legend's lines at this width: none without group colouring. */
    List<String> legendLines(double width) {
        return options.groups().map(g -> measure.wrap(g.legend(), LEGEND, width - 20, LEGEND_MAX_LINES))
                .orElse(List.of());
    }

    /** The height of the legend band above the drawing at this width. */
    double legendHeight(double width) {
        List<String> lines = legendLines(width);
        return lines.isEmpty() ? 0 : lines.size() * LEGEND_LINE + 2 * LEGEND_PAD;
    }

    /** Paints the drawing of {@code view} (layout coordinates), the legend band just above it. */
    void paint(Surface s, Rect view) {
        double band = legendHeight(view.width());
        s.rect(view.x(), view.y() - band, view.width(), view.height() + band, 0, palette.get("background"), null);
        legend(s, view, band);
        List<LayoutBox> boxes = layout.boxes();
        for (LayoutBox b : boxes) if (b.kind() == BoxKind.NUMA_GROUP || b.kind() == BoxKind.ORPHAN_GROUP) box(s, b);
        for (LayoutBox b : boxes) {
            if (b.kind() == BoxKind.SWITCH || b.kind() == BoxKind.VF_GROUP && b.expanded()) box(s, b);
        }
        for (Connector c : layout.connectors()) connector(s, c);
        for (LayoutBox b : boxes) if (!framed(b)) box(s, b);
        for (Connector c : layout.connectors()) linkLabel(s, c);
        options.route().ifPresent(r -> route(s, r));
        options.groups().ifPresent(g -> tags(s, g));
    }

    private static boolean framed(LayoutBox b) {
        return b.kind() == BoxKind.NUMA_GROUP || b.kind() == BoxKind.ORPHAN_GROUP || b.kind() == BoxKind.SWITCH
                || b.kind() == BoxKind.VF_GROUP && b.expanded();
    }

    private void legend(Surface s, Rect view, double band) {
        if (band == 0) return;
        double top = view.y() - band;
        s.rect(view.x(), top, view.width(), band, 0, palette.get("card"), null);
        s.rect(view.x(), view.y() - 1, view.width(), 1, 0, palette.get("card-border"), null);
        double y = top + LEGEND_PAD;
        for (String line : legendLines(view.width())) {
            s.text(line, view.x() + 10, y + measure.baseline(LEGEND, LEGEND_LINE), LEGEND, palette.get("text"));
            y += LEGEND_LINE;
        }
    }

    private void box(Surface s, LayoutBox b) {
        String id = b.item().map(TopologyItem::nodeId).orElse(null);
        if (id != null) s.beginItem(id, tip(b));
        switch (b.kind()) {
            case NUMA_GROUP -> group(s, b, false);
            case ORPHAN_GROUP -> group(s, b, true);
            case HOST_BRIDGE -> bar(s, b, false);
            case ORPHAN_BUS -> bar(s, b, true);
            case DEVICE -> card(s, b, function(b));
            case SWITCH -> switchFrame(s, b);
            case UPSTREAM_PORT, DOWNSTREAM_PORT -> port(s, b, function(b));
            case VF_GROUP -> vfGroup(s, b);
            case VIRTUAL_FUNCTION -> vfChip(s, b, function(b));
        }
        if (id != null) s.endItem();
    }

    /** The tooltip text the canvas gives the item, as the SVG's title. */
    private String tip(LayoutBox b) {
        Optional<Bdf> f = b.function();
        if (f.isPresent()) {
            return topology.function(f.get()).map(p -> DeviceText.fullName(p) + "\n" + p.address() + " · "
                    + DeviceText.detail(p)).orElse(f.get().toString());
        }
        return b.title();
    }

    private PciFunction function(LayoutBox b) {
        Bdf a = b.function().orElseThrow();
        return topology.function(a).orElseThrow(() -> new IllegalStateException("layout names " + a
                + " which the topology lacks"));
    }

    private boolean selected(LayoutBox b) {
        return b.item().isPresent() && options.selection().filter(b.item().get()::equals).isPresent();
    }

    private Optional<GroupColouring.Tag> groupTag(LayoutBox b) {
        if (options.groups().isEmpty() || !options.groups().get().iommuPresent() || b.function().isEmpty()) {
            return Optional.empty();
        }
        return options.groups().get().tag(b.function().get());
    }

    // ---- frames ----

    private void group(Surface s, LayoutBox b, boolean orphan) {
        Rect r = b.bounds();
        boolean sel = selected(b);
        Colour border = sel ? palette.get("selected") : palette.get(orphan ? "orphan-border" : "numa-border");
        double width = sel ? 3 : 1.5;
        Stroke stroke = orphan ? Stroke.dashed(border, width, 6, 4) : Stroke.solid(border, width);
        s.rect(r.x(), r.y(), r.width(), r.height(), 10, palette.get(orphan ? "orphan" : "numa"), stroke);
        AppIcon icon = !orphan && b.item().isPresent() ? AppIcon.NUMA : AppIcon.UNKNOWN;
        double h = TopologyLayout.GROUP_HEADER;
        s.icon(IconShape.of(icon), r.x() + 10, r.y() + (h - 18) / 2, 18, palette.get(orphan ? "icon-unknown"
                : "icon-numa"));
        double x = r.x() + 10 + 18 + 8;
        s.text(measure.fit(b.title(), GROUP_TITLE, r.maxX() - 10 - x), x, r.y() + measure.baseline(GROUP_TITLE, h),
                GROUP_TITLE, palette.get(orphan ? "muted" : "numa-text"));
    }

    private void switchFrame(Surface s, LayoutBox b) {
        Rect r = b.bounds();
        s.rect(r.x(), r.y() + 1, r.width(), r.height(), 8, new Colour(0, 0, 0, 0.08), null);
        s.rect(r.x(), r.y(), r.width(), r.height(), 8, palette.get("switch-border"), null);
        s.rect(r.x() + 2, r.y() + 2, r.width() - 4, r.height() - 4, 6, palette.get("switch"), null);
        double top = TopologyLayout.PORT_INSET + TopologyLayout.PORT_H;
        double band = r.height() - 2 * top;
        double y = r.y() + top + (band - 22) / 2;
        s.icon(IconShape.of(AppIcon.SWITCH), r.x() + 12, y + 2, 18, palette.get("icon-switch"));
        double x = r.x() + 12 + 18 + 7;
        s.text(measure.fit(b.title(), SWITCH_TITLE, r.maxX() - 12 - x), x, y + measure.baseline(SWITCH_TITLE, 22),
                SWITCH_TITLE, palette.get("switch-text"));
    }

    private void vfGroup(Surface s, LayoutBox b) {
        Rect r = b.bounds();
        if (!b.expanded()) {
            s.rect(r.x(), r.y(), r.width(), r.height(), 13, palette.get("vf-line"), null);
            s.rect(r.x() + 1, r.y() + 1, r.width() - 2, r.height() - 2, 12, palette.get("vf"), null);
            centredWithIcon(s, r, AppIcon.EXPAND, 12, 6, b.title(), VF_TITLE, palette.get("text"));
            return;
        }
        s.rect(r.x(), r.y(), r.width(), r.height(), 6, palette.get("vf"),
                Stroke.dashed(palette.get("vf-line"), 1, 4, 3));
        double h = TopologyLayout.VF_HEADER;
        s.icon(IconShape.of(AppIcon.COLLAPSE), r.x() + 10, r.y() + (h - 12) / 2, 12, palette.get("vf-line"));
        double x = r.x() + 10 + 12 + 6;
        s.text(measure.fit(b.title(), VF_TITLE, r.maxX() - 10 - x), x, r.y() + measure.baseline(VF_TITLE, h), VF_TITLE,
                palette.get("text"));
    }

    // ---- solid boxes ----

    private void bar(Surface s, LayoutBox b, boolean orphan) {
        Rect r = b.bounds();
        boolean sel = selected(b);
        if (sel) s.rect(r.x() - 3, r.y() - 3, r.width() + 6, r.height() + 6, 8, palette.get("selected"), null);
        s.rect(r.x(), r.y(), r.width(), r.height(), 6, palette.get(orphan ? "orphan-border" : "host-border"), null);
        s.rect(r.x() + 1.5, r.y() + 1.5, r.width() - 3, r.height() - 3, 5, palette.get(orphan ? "card" : "host"),
                null);
        String[] lines = b.title().split("\n", 2);
        double h = r.height();
        s.icon(IconShape.of(orphan ? AppIcon.UNKNOWN : AppIcon.HOST_BRIDGE), r.x() + 12, r.y() + (h - 24) / 2, 24,
                palette.get(orphan ? "icon-unknown" : "icon-host"));
        double x = r.x() + 12 + 24 + 10;
        double w = r.maxX() - 12 - x;
        s.text(measure.fit(lines[0], BAR_TITLE, w), x, r.y() + h / 2 - 18 + measure.baseline(BAR_TITLE, 18), BAR_TITLE,
                palette.get("text"));
        if (lines.length > 1) {
            s.text(measure.fit(lines[1], DETAIL, w), x, r.y() + h / 2 + 1 + measure.baseline(DETAIL, 17), DETAIL,
                    palette.get("muted"));
        }
    }

    /** A card, laid out as CanvasNodes.DeviceCard lays out its icon, name, address, detail and tab. */
    private void card(Surface s, LayoutBox b, PciFunction f) {
        Rect r = b.bounds();
        Optional<GroupColouring.Tag> tag = groupTag(b);
        boolean rootPort = "root-port".equals(AppIcon.of(f.kind()).fileName());
        Colour inner = palette.get(rootPort ? "root-port" : "card");
        Colour ring = palette.get(rootPort ? "host-border" : "card-border");
        double inset = 1;
        if (tag.isPresent() && tag.get().grouped()) {
            CanvasPalette.GroupColours gc = palette.group(tag.get().colour());
            ring = gc.ring();
            inner = gc.fill();
            inset = 2.5;
        }
        s.rect(r.x(), r.y() + 1, r.width(), r.height(), 6, new Colour(0, 0, 0, 0.08), null);
        if (selected(b)) {
            double out = tag.isPresent() && tag.get().grouped() ? 4 : 3;
            s.rect(r.x() - out, r.y() - out, r.width() + 2 * out, r.height() + 2 * out, 6 + out,
                    palette.get("selected"), null);
        }
        s.rect(r.x(), r.y(), r.width(), r.height(), 6, ring, null);
        s.rect(r.x() + inset, r.y() + inset, r.width() - 2 * inset, r.height() - 2 * inset, 5, inner, null);
        if (tag.isPresent() && tag.get().differs()) differsRing(s, r);

        double textX = r.x() + CARD_PAD + CARD_ICON + 7;
        double textW = r.maxX() - CARD_PAD - textX;
        s.icon(IconShape.of(AppIcon.of(f.kind())), r.x() + CARD_PAD, r.y() + (r.height() - CARD_ICON) / 2, CARD_ICON,
                iconColour(f));
        List<String> name = measure.wrap(DeviceText.shortName(f), NAME, textW, 2);
        double nameH = Math.min(name.size() * CARD_LINE, 2 * CARD_LINE + 2);
        double total = nameH + 2 * CARD_LINE;
        double top = r.y() + Math.max(4, (r.height() - total) / 2);
        for (int i = 0; i < name.size(); i++) {
            s.text(name.get(i), textX, top + i * CARD_LINE + measure.baseline(NAME, CARD_LINE), NAME,
                    palette.get("text"));
        }
        s.text(measure.fit(f.address().toString(), ADDRESS, textW), textX, top + nameH + measure.baseline(ADDRESS,
                CARD_LINE), ADDRESS, palette.get("text"));
        s.text(measure.fit(DeviceText.detail(f), DETAIL, textW), textX, top + nameH + CARD_LINE
                + measure.baseline(DETAIL, CARD_LINE), DETAIL, palette.get("muted"));
        String badge = DeviceText.badge(f);
        if (!badge.isEmpty()) {
            double bw = measure.width(badge, BADGE) + 8;
            double bh = 14;
            double bx = r.maxX() - CARD_PAD - bw;
            double by = r.y() - bh / 2;
            s.rect(bx, by, bw, bh, 3, palette.get("badge-text"), null);
            s.rect(bx + 1, by + 1, bw - 2, bh - 2, 2, palette.get("badge"), null);
            s.text(badge, bx + 4, by + measure.baseline(BADGE, bh), BADGE, palette.get("badge-text"));
        }
    }

    private void differsRing(Surface s, Rect r) {
        s.rect(r.x() - 5, r.y() - 5, r.width() + 10, r.height() + 10, 9, null,
                Stroke.dashed(palette.get("downgraded"), 2, 5, 3));
    }

    private Colour iconColour(PciFunction f) {
        String name = AppIcon.of(f.kind()).fileName();
        String key = switch (name) {
            case "pci-bridge" -> "icon-bridge";
            case "root-port" -> "icon-port";
            case "host-bridge" -> "icon-host";
            default -> "icon-" + name;
        };
        try {
            return palette.get(key);
        } catch (IllegalStateException e) {
            return palette.get("icon-other");
        }
    }

    private void port(Surface s, LayoutBox b, PciFunction f) {
        Rect r = b.bounds();
        Optional<GroupColouring.Tag> tag = groupTag(b);
        Colour ring = palette.get("port-border");
        Colour inner = palette.get("port");
        Colour text = palette.get("port-text");
        double inset = 1.2;
        if (tag.isPresent() && tag.get().grouped()) {
            CanvasPalette.GroupColours gc = palette.group(tag.get().colour());
            ring = gc.ring();
            inner = gc.fill();
            text = palette.get("text");
            inset = 2.5;
        }
        if (selected(b)) s.rect(r.x() - 3, r.y() - 3, r.width() + 6, r.height() + 6, 6, palette.get("selected"), null);
        s.rect(r.x(), r.y(), r.width(), r.height(), 4, ring, null);
        s.rect(r.x() + inset, r.y() + inset, r.width() - 2 * inset, r.height() - 2 * inset, 3, inner, null);
        if (tag.isPresent() && tag.get().differs()) differsRing(s, r);
        String t = measure.fit(f.address().shortText(), PORT, r.width() - 4);
        s.text(t, r.centerX() - measure.width(t, PORT) / 2, r.y() + measure.baseline(PORT, r.height()), PORT, text);
    }

    private void vfChip(Surface s, LayoutBox b, PciFunction f) {
        Rect r = b.bounds();
        Optional<GroupColouring.Tag> tag = groupTag(b);
        Colour ring = palette.get("card-border");
        Colour inner = palette.get("card");
        double inset = 1;
        if (tag.isPresent() && tag.get().grouped()) {
            CanvasPalette.GroupColours gc = palette.group(tag.get().colour());
            ring = gc.ring();
            inner = gc.fill();
            inset = 2.5;
        }
        if (selected(b)) s.rect(r.x() - 3, r.y() - 3, r.width() + 6, r.height() + 6, 6, palette.get("selected"), null);
        s.rect(r.x(), r.y(), r.width(), r.height(), 4, ring, null);
        s.rect(r.x() + inset, r.y() + inset, r.width() - 2 * inset, r.height() - 2 * inset, 3, inner, null);
        if (tag.isPresent() && tag.get().differs()) differsRing(s, r);
        centredWithIcon(s, r, AppIcon.VIRTUAL_FUNCTION, 12, 5, f.address().shortText(), CHIP, palette.get("text"));
    }

    /** A label's graphic and text centred in a box, as a centred JavaFX label with a graphic draws them. */
    private void centredWithIcon(Surface s, Rect r, AppIcon icon, double size, double gap, String text,
                                 TextStyle style, Colour colour) {
        String t = measure.fit(text, style, r.width() - size - gap - 8);
        double w = size + gap + measure.width(t, style);
        double x = r.centerX() - w / 2;
        s.icon(IconShape.of(icon), x, r.centerY() - size / 2, size, palette.get("vf-line"));
        s.text(t, x + size + gap, r.y() + measure.baseline(style, r.height()), style, colour);
    }

    // ---- links ----

    private void connector(Surface s, Connector c) {
        Stroke stroke;
        if (c.downgraded()) {
            stroke = Stroke.dashed(palette.get("downgraded"), 2.5, 8, 4);
        } else {
            stroke = switch (c.kind()) {
                case BUS -> Stroke.solid(palette.get("bus-line"), 1.5);
                case PCIE_LINK -> Stroke.solid(palette.get("line"), 2);
                case PCI_BUS -> Stroke.dashed(palette.get("pci-line"), 2, 7, 4);
                case VIRTUAL_FUNCTIONS -> Stroke.dashed(palette.get("vf-line"), 1.5, 2, 3);
            };
        }
        s.polyline(c.points(), stroke);
    }

    /** A link's label, centred on the room the layout reserved for it, at least as large as its text. */
    private void linkLabel(Surface s, Connector c) {
        if (c.label().isEmpty()) return;
        Connector.Label l = c.label().get();
        double lineH = 14;
        double textW = 0;
        for (String line : l.lines()) textW = Math.max(textW, measure.width(line, LINK));
        double w = Math.max(l.bounds().width(), textW + 8);
        double h = Math.max(l.bounds().height(), l.lines().size() * lineH + 2);
        double x = l.bounds().centerX() - w / 2;
        double y = l.bounds().centerY() - h / 2;
        if (c.downgraded()) {
            s.rect(x, y, w, h, 3, palette.get("downgraded"), null);
            s.rect(x + 1, y + 1, w - 2, h - 2, 2, palette.get("downgraded-bg"), null);
        } else {
            s.rect(x, y, w, h, 3, palette.get("label-bg"), null);
        }
        Colour colour = palette.get(c.downgraded() ? "downgraded" : "muted");
        double ty = y + (h - l.lines().size() * lineH) / 2;
        for (String line : l.lines()) {
            s.text(line, l.bounds().centerX() - measure.width(line, LINK) / 2, ty + measure.baseline(LINK, lineH),
                    LINK, colour);
            ty += lineH;
        }
    }

    // ---- route and group tags ----

    private void route(Surface s, CanvasRoute route) {
        if (route.stops().isEmpty()) return;
        Colour colour = palette.get(switch (route.tone()) {
            case PEER -> "route-peer";
            case HOST -> "route-host";
            case REFUSED -> "route-refused";
        });
        RouteGeometry.Placed placed = RouteGeometry.place(layout, route);
        Stroke line = route.tone() == CanvasRoute.Tone.REFUSED
                ? Stroke.dashed(colour.fade(0.85), 4, 9, 6).rounded() : Stroke.solid(colour.fade(0.85), 4).rounded();
        for (double[] p : placed.paths()) s.polyline(p, line);
        Colour pill = palette.get("route-pill");
        for (RouteGeometry.PlacedStop p : placed.stops()) {
            if (p.memory()) {
                Rect r = p.box();
                s.rect(r.x(), r.y(), r.width(), r.height(), 12, colour, null);
                s.rect(r.x() + 2, r.y() + 2, r.width() - 4, r.height() - 4, 10, pill, null);
                String t = measure.fit(p.stop().label(), MEMORY, r.width() - 8);
                s.text(t, r.centerX() - measure.width(t, MEMORY) / 2, r.y() + measure.baseline(MEMORY, r.height()),
                        MEMORY, colour);
            }
        }
        for (RouteGeometry.PlacedStop p : placed.stops()) {
            s.beginItem("route-stop-" + p.number(), p.number() + " · " + p.stop().label() + "\n"
                    + p.stop().explanation());
            Rect b = p.badge();
            CanvasRoute.Mark mark = p.stop().mark();
            Colour fill = mark == CanvasRoute.Mark.REDIRECTED ? palette.get("route-redirect")
                    : mark == CanvasRoute.Mark.BLOCKED ? palette.get("route-refused") : colour;
            s.circle(b.centerX(), b.centerY() + 1, RouteGeometry.BADGE_R, new Colour(0, 0, 0, 0.2), null);
            s.circle(b.centerX(), b.centerY(), RouteGeometry.BADGE_R, pill, null);
            s.circle(b.centerX(), b.centerY(), RouteGeometry.BADGE_R - 2, fill, null);
            boolean blocked = mark == CanvasRoute.Mark.BLOCKED;
            String t = blocked ? "✕" : Integer.toString(p.number());
            TextStyle style = blocked ? BLOCKED : STOP;
            s.text(t, b.centerX() - measure.width(t, style) / 2, b.y() + measure.baseline(style, b.height()), style,
                    Colour.WHITE);
            s.endItem();
        }
    }

    private void tags(Surface s, GroupColouring g) {
        if (!g.iommuPresent()) return;
        for (LayoutBox b : layout.boxes()) {
            boolean decorated = b.kind() == BoxKind.DEVICE || b.kind() == BoxKind.UPSTREAM_PORT
                    || b.kind() == BoxKind.DOWNSTREAM_PORT || b.kind() == BoxKind.VIRTUAL_FUNCTION;
            if (!decorated || b.function().isEmpty()) continue;
            Optional<GroupColouring.Tag> tag = g.tag(b.function().get());
            if (tag.isEmpty()) continue;
            GroupColouring.Tag t = tag.get();
            String text = t.text();
            Rect r = b.bounds();
            double h = 16;
            double w = Math.max(Math.max(22, 9 + 6.6 * text.length()), measure.width(text, TAG) + 10);
            double x = r.x() + TAG_INSET;
            double y = r.y() - h / 2;
            Colour fill;
            Colour ink;
            if (t.grouped()) {
                CanvasPalette.GroupColours gc = palette.group(t.colour());
                fill = gc.ring();
                ink = gc.text();
            } else {
                fill = palette.get("card-border");
                ink = palette.get("text");
            }
            if (t.differs()) {
                s.rect(x, y, w, h, 8, palette.get("downgraded"), null);
                s.rect(x + 1.5, y + 1.5, w - 3, h - 3, 6.5, fill, null);
            } else {
                s.rect(x, y, w, h, 8, fill, null);
            }
            s.text(text, x + (w - measure.width(text, TAG)) / 2, y + measure.baseline(TAG, h), TAG, ink);
        }
    }

    /** A short description for a picture's title: the machine's name and size. */
    static String title(Topology t) {
        String name = t.name() == null || t.name().isBlank() ? "topology" : t.name();
        return "dmascope: " + name + String.format(Locale.ROOT, " (%d PCI functions)", t.functions().size());
    }
}
