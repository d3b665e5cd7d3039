package org.dmascope.views.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.NumaNode;
import org.dmascope.model.topology.PciBus;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;
import org.dmascope.views.topology.LayoutBox.BoxKind;

/**
 * Lays a topology out top-down as a tidy tree: each subtree gets a horizontal band as wide as the
 * widest of its own box, its children side by side, and its link label; children sit in their
 * parent's band, so bands never overlap and neither do boxes. NUMA nodes are frames holding their host
 * bridges; a host bridge is a bar spanning its root bus; a PCIe switch is one frame with its upstream
 * port on top and a marker per downstream port above that port's subtree; runs of four or more
 * childless devices on one bus stack in columns; VFs hang under their PF as a chip or a grid.
 * Plain Java, so tests check it without a Stage.
 */
public final class TopologyLayout {
    public static final double CARD_W = 180;
    public static final double CARD_H = 76;
    public static final double H_GAP = 14;
    /** Parent bottom to child top across a link; the link label sits on the first {@link #STEM} pixels. */
    public static final double V_GAP = 62;
    public static final double STEM = 42;
    public static final double LABEL_LINE_H = 15;
    public static final double LABEL_CHAR_W = 7.0;
    public static final double HB_H = 50;
    public static final double HB_MIN_W = 280;
    public static final double BUS_GAP = 40;
    public static final double SWITCH_H = 100;
    public static final double SWITCH_MIN_W = 260;
    public static final double SWITCH_PAD = 12;
    public static final double PORT_W = 96;
    public static final double PORT_H = 26;
    public static final double PORT_INSET = 9;
    public static final double GROUP_PAD = 12;
    public static final double GROUP_HEADER = 36;
    public static final double GROUP_GAP = 28;
    public static final double TOP_GAP = 48;
    public static final double MARGIN = 16;
    public static final double STACK_INDENT = 18;
    public static final double STACK_GAP = 10;
    public static final int STACK_MIN = 4;
    public static final int STACK_ROWS = 6;
    public static final double VF_W = 112;
    public static final double VF_H = 26;
    public static final double VF_GAP = 6;
    public static final double VF_PAD = 8;
    public static final double VF_HEADER = 30;
    public static final double VF_TOGGLE_W = 150;
    public static final int VF_COLUMNS = 4;
    /** A PF with at most this many VFs shows them expanded unless the user collapses them. */
    public static final int AUTO_EXPAND_VFS = 8;
    static final double TITLE_CHAR_W = 7.6;
    /** Width to height of the space a drawing usually gets; groups wrap their members to come close to it. */
    public static final double TARGET_ASPECT = 1.6;

    private final Topology topology;
    private final PciHierarchy hierarchy;
    private final Predicate<Bdf> vfsExpanded;
    private final Map<Bdf, List<PciFunction>> vfsByPf = new HashMap<>();
    private final Set<Bdf> placed = new HashSet<>();
    private final Set<PciBus> visitedBuses = new HashSet<>();
    private final Map<Bdf, Bdf> hiddenVfs = new HashMap<>();
    private final List<LayoutBox> boxes = new ArrayList<>();
    private final List<Connector> connectors = new ArrayList<>();
    private final Map<TopologyItem, TopologyItem> navParents = new HashMap<>();
    private final Map<TopologyItem, List<TopologyItem>> navChildren = new LinkedHashMap<>();
    private final List<TopologyItem> navRoots = new ArrayList<>();

    private TopologyLayout(Topology topology, Predicate<Bdf> vfsExpanded) {
        this.topology = topology;
        this.hierarchy = topology.hierarchy();
        this.vfsExpanded = vfsExpanded;
        for (PciFunction f : topology.functions()) {
            if (f.isVirtualFunction() && topology.function(f.physicalFunction().get()).isPresent()) {
                vfsByPf.computeIfAbsent(f.physicalFunction().get(), k -> new ArrayList<>()).add(f);
            }
        }
    }

    /** Lays out with the default VF expansion ({@link #expandedByDefault}). */
    public static LayoutResult compute(Topology topology) {
        return compute(topology, expandedByDefault(topology));
    }

    /** Lays out, showing the VFs of the PFs {@code vfsExpanded} accepts. */
    public static LayoutResult compute(Topology topology, Predicate<Bdf> vfsExpanded) {
        return new TopologyLayout(topology, vfsExpanded).run();
    }

    /**
     * The PFs whose VFs show by default: small VF sets start expanded, large ones (a NIC with 64 VFs) collapsed.
     * Counted once per topology: counting for each PF asked counted every function again for every PF.
     */
    public static Predicate<Bdf> expandedByDefault(Topology topology) {
        Map<Bdf, Integer> vfs = new HashMap<>();
        for (PciFunction f : topology.functions()) f.physicalFunction().ifPresent(pf -> vfs.merge(pf, 1, Integer::sum));
        return pf -> vfs.getOrDefault(pf, 0) <= AUTO_EXPAND_VFS;
    }

    private LayoutResult run() {
        List<Block> groups = new ArrayList<>();
        Map<Integer, List<HostBridge>> byNode = new TreeMap<>();
        List<HostBridge> unknownNode = new ArrayList<>();
        for (NumaNode n : topology.numaNodes()) byNode.put(n.id(), new ArrayList<>());
        List<HostBridge> hostBridges = new ArrayList<>(topology.hostBridges());
        hostBridges.sort(Comparator.comparingInt(HostBridge::domain).thenComparingInt(HostBridge::rootBus));
        for (HostBridge hb : hostBridges) {
            if (hb.numaNode().isPresent()) byNode.computeIfAbsent(hb.numaNode().getAsInt(),
                    k -> new ArrayList<>()).add(hb);
            else unknownNode.add(hb);
        }
        Map<Integer, List<Block>> nodeBlocks = new TreeMap<>();
        for (Map.Entry<Integer, List<HostBridge>> e : byNode.entrySet()) {
            nodeBlocks.put(e.getKey(), new ArrayList<>(hostBlocks(e.getValue())));
        }
        List<Block> unknownBlocks = unknownNode.isEmpty() ? List.of() : hostBlocks(unknownNode);
        List<Block> orphans = new ArrayList<>();
        for (PciBus root : hierarchy.roots()) {
            if (root.host().isPresent() || root.kind() == PciBus.Kind.VIRTUAL || !visitedBuses.add(root)) continue;
            Block b = new BusBlock(BoxKind.ORPHAN_BUS, Optional.empty(), orphanTitle(root), "upstream unknown",
                    busBlocks(root));
            // a bus whose upstream the export leaves out still sits on the NUMA node its devices report
            OptionalInt node = numaNodeOf(root);
            if (node.isPresent()) nodeBlocks.computeIfAbsent(node.getAsInt(), k -> new ArrayList<>()).add(b);
            else orphans.add(b);
        }
        for (Map.Entry<Integer, List<Block>> e : nodeBlocks.entrySet()) {
            String title = topology.numaNodes().stream().filter(n -> n.id() == e.getKey()).findFirst()
                    .map(DeviceText::numaTitle).orElse(DeviceText.numaTitle(e.getKey()));
            groups.add(new GroupBlock(BoxKind.NUMA_GROUP, Optional.of(TopologyItem.numa(e.getKey())), title,
                    e.getValue()));
        }
        if (!unknownBlocks.isEmpty()) {
            groups.add(new GroupBlock(BoxKind.NUMA_GROUP, Optional.empty(), DeviceText.UNKNOWN_NUMA_TITLE,
                    unknownBlocks));
        }
        List<PciFunction> unplaced = topology.functions().stream().filter(f -> !placed.contains(f.address())).toList();
        if (!unplaced.isEmpty()) {
            List<Block> blocks = new ArrayList<>();
            for (PciFunction f : unplaced) if (!placed.contains(f.address())) blocks.add(deviceBlock(f));
            orphans.add(new BusBlock(BoxKind.ORPHAN_BUS, Optional.empty(), "Not reachable in the bus tree",
                    "bus numbers inconsistent", stack(blocks, Connector.Kind.BUS)));
        }
        if (!orphans.isEmpty()) {
            groups.add(new GroupBlock(BoxKind.ORPHAN_GROUP, Optional.empty(), DeviceText.ORPHAN_GROUP_TITLE, orphans));
        }

        for (Block g : groups) g.measure();
        RowWrap rows = RowWrap.arrange(widths(groups), heights(groups), TOP_GAP, TARGET_ASPECT);
        double right = MARGIN;
        double bottom = MARGIN;
        double y = MARGIN;
        int i = 0;
        for (int r = 0; r < rows.count(); r++) {
            double x = MARGIN;
            for (int k = 0; k < rows.members(r); k++, i++) {
                Block g = groups.get(i);
                bottom = Math.max(bottom, g.place(x, y, -1, null));
                x += g.width + TOP_GAP;
                right = Math.max(right, x - TOP_GAP);
            }
            y += rows.height(r) + TOP_GAP;
        }
        Rect bounds = new Rect(0, 0, Math.max(right + MARGIN, 2 * MARGIN), bottom + MARGIN);
        return new LayoutResult(boxes, connectors, new Navigation(navParents, navChildren, navRoots), hiddenVfs,
                bounds);
    }

    private static String orphanTitle(PciBus bus) {
        String where = String.format(Locale.ROOT, "Bus %04x:%02x", bus.domain(), bus.number());
        return bus.self().map(b -> where + " below " + b.address()).orElse(where);
    }

    /** The one NUMA node every function below {@code bus} that reports one reports, if there is such a node. */
    private static OptionalInt numaNodeOf(PciBus bus) {
        Set<Integer> nodes = new TreeSet<>();
        List<PciBus> todo = new ArrayList<>(List.of(bus));
        for (int i = 0; i < todo.size() && i < 4096; i++) {
            for (PciFunction f : todo.get(i).devices()) f.numaNode().ifPresent(nodes::add);
            todo.addAll(todo.get(i).children());
        }
        return nodes.size() == 1 ? OptionalInt.of(nodes.iterator().next()) : OptionalInt.empty();
    }

    private List<Block> hostBlocks(List<HostBridge> hbs) {
        List<Block> list = new ArrayList<>();
        for (HostBridge hb : hbs) {
            List<Block> children = hierarchy.bus(hb.domain(), hb.rootBus()).filter(visitedBuses::add)
                    .map(this::busBlocks).orElse(List.of());
            list.add(new BusBlock(BoxKind.HOST_BRIDGE, Optional.of(TopologyItem.host(hb.id())),
                    DeviceText.hostBridgeTitle(hb), DeviceText.hostBridgeDetail(hb), children));
        }
        return list;
    }

    /** The blocks for the functions on a bus, in devfn order, VFs left to their PF. */
    private List<Block> busBlocks(PciBus bus) {
        List<Block> list = new ArrayList<>();
        for (PciFunction f : bus.devices()) {
            if (vfsByPf.containsKey(f.physicalFunction().orElse(null))) continue;
            if (placed.contains(f.address())) continue;
            list.add(f.portType().filter(t -> t == PortType.SWITCH_UPSTREAM).isPresent() ? switchBlock(f)
                    : deviceBlock(f));
        }
        return stack(list, Connector.Kind.BUS);
    }

    /** Groups runs of {@link #STACK_MIN} or more childless cards into stacked columns. */
    private List<Block> stack(List<Block> blocks, Connector.Kind kind) {
        List<Block> out = new ArrayList<>();
        List<DeviceBlock> run = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof DeviceBlock d && d.children.isEmpty()) {
                run.add(d);
                continue;
            }
            flush(run, out, kind);
            out.add(b);
        }
        flush(run, out, kind);
        return out;
    }

    private void flush(List<DeviceBlock> run, List<Block> out, Connector.Kind kind) {
        if (run.size() >= STACK_MIN) out.add(new StackBlock(List.copyOf(run), kind));
        else out.addAll(run);
        run.clear();
    }

    /** The bus below a bridge, if the hierarchy really hangs it there (guards against bus-number loops). */
    private Optional<PciBus> childBus(PciFunction bridge) {
        Optional<PciBus> bus = hierarchy.secondaryBus(bridge);
        if (bus.isEmpty()) return Optional.empty();
        PciBus own = hierarchy.busOf(bridge);
        if (bus.get().parent().orElse(null) != own || !visitedBuses.add(bus.get())) return Optional.empty();
        return bus;
    }

    private DeviceBlock deviceBlock(PciFunction f) {
        placed.add(f.address());
        List<Block> children = new ArrayList<>();
        Connector.Kind kind = Connector.Kind.BUS;
        Optional<LinkLabels.Info> link = Optional.empty();
        List<PciFunction> vfs = vfsByPf.getOrDefault(f.address(), List.of());
        if (!vfs.isEmpty()) {
            boolean expanded = vfsExpanded.test(f.address());
            vfs.forEach(v -> placed.add(v.address()));
            if (!expanded) vfs.forEach(v -> hiddenVfs.put(v.address(), f.address()));
            children.add(new VfBlock(f, vfs, expanded));
            kind = Connector.Kind.VIRTUAL_FUNCTIONS;
        }
        Optional<PciBus> bus = childBus(f);
        if (bus.isPresent()) {
            List<Block> below = busBlocks(bus.get());
            if (!below.isEmpty()) {
                LinkLabels.Info info = LinkLabels.below(f, bus.get().devices());
                kind = info.kind();
                link = Optional.of(info);
                children.addAll(restack(below, kind));
            }
        }
        return new DeviceBlock(f, children, kind, link);
    }

    private List<Block> restack(List<Block> blocks, Connector.Kind kind) {
        List<Block> out = new ArrayList<>(blocks.size());
        for (Block b : blocks) out.add(b instanceof StackBlock s ? new StackBlock(s.cards, kind) : b);
        return out;
    }

    private SwitchBlock switchBlock(PciFunction usp) {
        placed.add(usp.address());
        List<Slot> slots = new ArrayList<>();
        Optional<PciBus> internal = childBus(usp);
        if (internal.isPresent()) {
            for (PciFunction d : internal.get().devices()) {
                if (vfsByPf.containsKey(d.physicalFunction().orElse(null)) || placed.contains(d.address())) continue;
                if (d.portType().filter(t -> t == PortType.SWITCH_DOWNSTREAM).isPresent()) {
                    placed.add(d.address());
                    Optional<PciBus> bus = childBus(d);
                    List<Block> below = bus.map(this::busBlocks).orElse(List.of());
                    Optional<LinkLabels.Info> info = below.isEmpty() ? Optional.empty()
                            : Optional.of(LinkLabels.below(d, bus.get().devices()));
                    Connector.Kind kind = info.map(LinkLabels.Info::kind).orElse(Connector.Kind.PCIE_LINK);
                    slots.add(new Slot(Optional.of(d), restack(below, kind), info, kind));
                } else {
                    Block b = d.portType().filter(t -> t == PortType.SWITCH_UPSTREAM).isPresent() ? switchBlock(d)
                            : deviceBlock(d);
                    slots.add(new Slot(Optional.empty(), List.of(b), Optional.empty(), Connector.Kind.BUS));
                }
            }
        }
        return new SwitchBlock(usp, slots);
    }

    // ---- emitting ----

    private int emit(BoxKind kind, Optional<TopologyItem> item, Optional<Bdf> owner, String title, Rect r,
            int container,
                     int count, boolean expanded) {
        boxes.add(new LayoutBox(kind, item, owner, title, r, container, count, expanded));
        return boxes.size() - 1;
    }

    private void nav(TopologyItem item, TopologyItem parent) {
        if (parent == null) navRoots.add(item);
        else {
            navParents.put(item, parent);
            navChildren.computeIfAbsent(parent, k -> new ArrayList<>()).add(item);
        }
        navChildren.computeIfAbsent(item, k -> new ArrayList<>());
    }

    private static double labelWidth(List<String> lines) {
        int chars = lines.stream().mapToInt(String::length).max().orElse(0);
        return chars == 0 ? 0 : chars * LABEL_CHAR_W + 12;
    }

    private static double titleWidth(String title) {
        return title.length() * TITLE_CHAR_W + 48;
    }

    /**
     * Stem from a parent's bottom, a rail across the children's entry points, and a drop to each.
     * The label is centred on the stem (drawn over it).
     */
    private void links(double px, double fromY, double childTop, List<Double> anchors, Connector.Kind kind,
                       Optional<LinkLabels.Info> info) {
        if (anchors.isEmpty()) return;
        boolean down = info.map(LinkLabels.Info::downgraded).orElse(false);
        Optional<Connector.Label> label = info.filter(i -> !i.lines().isEmpty()).map(i -> {
            double w = labelWidth(i.lines());
            double h = i.lines().size() * LABEL_LINE_H + 4;
            double cy = fromY + STEM / 2;
            return new Connector.Label(i.lines(), new Rect(px - w / 2, cy - h / 2, w, h));
        });
        double railY = fromY + STEM;
        if (anchors.size() == 1 && Math.abs(anchors.get(0) - px) < 0.5) {
            connectors.add(new Connector(kind, new double[] {px, fromY, px, childTop}, down, label));
            return;
        }
        connectors.add(new Connector(kind, new double[] {px, fromY, px, railY}, down, label));
        double min = Math.min(px, anchors.stream().mapToDouble(Double::doubleValue).min().getAsDouble());
        double max = Math.max(px, anchors.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
        if (max > min) connectors.add(new Connector(kind, new double[] {min, railY, max, railY}, down,
                Optional.empty()));
        for (double a : anchors) connectors.add(new Connector(kind, new double[] {a, railY, a, childTop}, down,
                Optional.empty()));
    }

    // ---- blocks: measure() computes the band width; place() emits boxes and returns the subtree's bottom ----

    private abstract static class Block {
        double width;
        double height;
        /** X of the points where the parent's connector enters, valid after place(). */
        final List<Double> anchors = new ArrayList<>();

        abstract void measure();

        abstract double place(double left, double top, int container, TopologyItem navParent);
    }

    private static double rowWidth(List<Block> row) {
        double w = 0;
        for (Block b : row) {
            b.measure();
            w += b.width;
        }
        return row.isEmpty() ? 0 : w + H_GAP * (row.size() - 1);
    }

    private static double[] widths(List<? extends Block> blocks) {
        return blocks.stream().mapToDouble(b -> b.width).toArray();
    }

    private static double[] heights(List<? extends Block> blocks) {
        return blocks.stream().mapToDouble(b -> b.height).toArray();
    }

    private static double rowHeight(List<Block> row) {
        double h = 0;
        for (Block b : row) h = Math.max(h, b.height);
        return h;
    }

    /** Places a row of blocks from {@code left}; returns the bottom and collects the entry points. */
    private static double placeRow(List<Block> row, double left, double top, int container, TopologyItem navParent,
                                   List<Double> anchors) {
        double x = left;
        double bottom = top;
        for (Block b : row) {
            bottom = Math.max(bottom, b.place(x, top, container, navParent));
            anchors.addAll(b.anchors);
            x += b.width + H_GAP;
        }
        return bottom;
    }

    private final class DeviceBlock extends Block {
        final PciFunction function;
        final List<Block> children;
        final Connector.Kind kind;
        final Optional<LinkLabels.Info> link;
        double rowWidth;

        DeviceBlock(PciFunction function, List<Block> children, Connector.Kind kind, Optional<LinkLabels.Info> link) {
            this.function = function;
            this.children = children;
            this.kind = kind;
            this.link = link;
        }

        @Override
        void measure() {
            rowWidth = rowWidth(children);
            double label = link.map(i -> labelWidth(i.lines()) + 8).orElse(0.0);
            width = Math.max(CARD_W, Math.max(rowWidth, label));
            height = CARD_H + (children.isEmpty() ? 0 : V_GAP + rowHeight(children));
        }

        @Override
        double place(double left, double top, int container, TopologyItem navParent) {
            double cx = left + width / 2;
            TopologyItem item = TopologyItem.device(function.address());
            emit(BoxKind.DEVICE, Optional.of(item), Optional.empty(), "", new Rect(cx - CARD_W / 2, top, CARD_W,
                    CARD_H),
                    container, 0, false);
            nav(item, navParent);
            anchors.clear();
            anchors.add(cx);
            double bottom = top + CARD_H;
            if (children.isEmpty()) return bottom;
            double childTop = bottom + V_GAP;
            List<Double> entry = new ArrayList<>();
            double end = placeRow(children, cx - rowWidth / 2, childTop, container, item, entry);
            links(cx, bottom, childTop, entry, kind, link);
            return end;
        }
    }

    private record Slot(Optional<PciFunction> port, List<Block> children, Optional<LinkLabels.Info> link,
            Connector.Kind kind) {
    }

    private final class SwitchBlock extends Block {
        final PciFunction upstream;
        final List<Slot> slots;
        final double[] slotWidths;
        final double[] rowWidths;
        double inner;

        SwitchBlock(PciFunction upstream, List<Slot> slots) {
            this.upstream = upstream;
            this.slots = slots;
            this.slotWidths = new double[slots.size()];
            this.rowWidths = new double[slots.size()];
        }

        @Override
        void measure() {
            inner = 0;
            for (int i = 0; i < slots.size(); i++) {
                Slot s = slots.get(i);
                rowWidths[i] = rowWidth(s.children);
                double label = s.link.map(l -> labelWidth(l.lines()) + 8).orElse(0.0);
                slotWidths[i] = Math.max(PORT_W + 8, Math.max(rowWidths[i], label));
                inner += slotWidths[i];
            }
            if (!slots.isEmpty()) inner += H_GAP * (slots.size() - 1);
            double title = titleWidth(DeviceText.switchTitle(upstream)) * 0.75;
            width = Math.max(Math.max(SWITCH_MIN_W, inner + 2 * SWITCH_PAD), Math.min(title, 420));
            double below = 0;
            for (Slot s : slots) below = Math.max(below, rowHeight(s.children));
            height = SWITCH_H + (below > 0 ? V_GAP + below : 0);
        }

        @Override
        double place(double left, double top, int container, TopologyItem navParent) {
            double cx = left + width / 2;
            int frame = emit(BoxKind.SWITCH, Optional.empty(), Optional.of(upstream.address()),
                    DeviceText.switchTitle(upstream),
                    new Rect(left, top, width, SWITCH_H), container, slots.size(), false);
            TopologyItem up = TopologyItem.device(upstream.address());
            emit(BoxKind.UPSTREAM_PORT, Optional.of(up), Optional.empty(), "",
                    new Rect(cx - PORT_W / 2, top + PORT_INSET, PORT_W, PORT_H), frame, 0, false);
            nav(up, navParent);
            anchors.clear();
            anchors.add(cx);
            double bottom = top + SWITCH_H;
            double childTop = bottom + V_GAP;
            double x = left + (width - inner) / 2;
            for (int i = 0; i < slots.size(); i++) {
                Slot s = slots.get(i);
                double sc = x + slotWidths[i] / 2;
                TopologyItem slotNav = up;
                if (s.port.isPresent()) {
                    TopologyItem down = TopologyItem.device(s.port.get().address());
                    emit(BoxKind.DOWNSTREAM_PORT, Optional.of(down), Optional.empty(), "",
                            new Rect(sc - PORT_W / 2, top + SWITCH_H - PORT_INSET - PORT_H, PORT_W, PORT_H), frame, 0,
                                    false);
                    nav(down, up);
                    slotNav = down;
                }
                if (!s.children.isEmpty()) {
                    List<Double> entry = new ArrayList<>();
                    bottom = Math.max(bottom, placeRow(s.children, sc - rowWidths[i] / 2, childTop, container, slotNav,
                            entry));
                    links(sc, top + SWITCH_H, childTop, entry, s.kind, s.link);
                }
                x += slotWidths[i] + H_GAP;
            }
            return bottom;
        }
    }

    /** Childless cards in columns, each column hanging from a spine with a stub to each card. */
    private final class StackBlock extends Block {
        final List<DeviceBlock> cards;
        final Connector.Kind kind;
        final int columns;
        final int rows;

        StackBlock(List<DeviceBlock> cards, Connector.Kind kind) {
            this.cards = cards;
            this.kind = kind;
            this.columns = (cards.size() + STACK_ROWS - 1) / STACK_ROWS;
            this.rows = (cards.size() + columns - 1) / columns;
        }

        @Override
        void measure() {
            width = columns * (STACK_INDENT + CARD_W) + (columns - 1) * H_GAP;
            height = rows * (CARD_H + STACK_GAP) - STACK_GAP;
        }

        @Override
        double place(double left, double top, int container, TopologyItem navParent) {
            anchors.clear();
            double bottom = top;
            for (int c = 0; c < columns; c++) {
                double colLeft = left + c * (STACK_INDENT + CARD_W + H_GAP);
                double spine = colLeft + STACK_INDENT / 2;
                double lastMid = top;
                for (int r = 0; r < rows; r++) {
                    int i = c * rows + r;
                    if (i >= cards.size()) break;
                    PciFunction f = cards.get(i).function;
                    double y = top + r * (CARD_H + STACK_GAP);
                    TopologyItem item = TopologyItem.device(f.address());
                    emit(BoxKind.DEVICE, Optional.of(item), Optional.empty(), "",
                            new Rect(colLeft + STACK_INDENT, y, CARD_W, CARD_H), container, 0, false);
                    nav(item, navParent);
                    lastMid = y + CARD_H / 2;
                    connectors.add(new Connector(kind, new double[] {spine, lastMid, colLeft + STACK_INDENT, lastMid},
                            false,
                            Optional.empty()));
                    bottom = Math.max(bottom, y + CARD_H);
                }
                connectors.add(new Connector(kind, new double[] {spine, top, spine, lastMid}, false, Optional.empty()));
                anchors.add(spine);
            }
            return bottom;
        }
    }

    private final class VfBlock extends Block {
        final PciFunction pf;
        final List<PciFunction> vfs;
        final boolean expanded;
        final int columns;

        VfBlock(PciFunction pf, List<PciFunction> vfs, boolean expanded) {
            this.pf = pf;
            this.vfs = vfs;
            this.expanded = expanded;
            this.columns = Math.min(VF_COLUMNS, vfs.size());
        }

        @Override
        void measure() {
            width = expanded ? Math.max(VF_TOGGLE_W, 2 * VF_PAD + columns * VF_W + (columns - 1) * VF_GAP)
                    : VF_TOGGLE_W;
            int rows = (vfs.size() + columns - 1) / columns;
            height = expanded ? VF_HEADER + rows * VF_H + (rows - 1) * VF_GAP + VF_PAD : VF_H;
        }

        @Override
        double place(double left, double top, int container, TopologyItem navParent) {
            anchors.clear();
            anchors.add(left + width / 2);
            String title = vfs.size() == 1 ? "1 virtual function" : vfs.size() + " virtual functions";
            if (!expanded) {
                emit(BoxKind.VF_GROUP, Optional.empty(), Optional.of(pf.address()), title, new Rect(left, top, width,
                        VF_H),
                        container, vfs.size(), false);
                return top + VF_H;
            }
            int rows = (vfs.size() + columns - 1) / columns;
            double h = VF_HEADER + rows * VF_H + (rows - 1) * VF_GAP + VF_PAD;
            int frame = emit(BoxKind.VF_GROUP, Optional.empty(), Optional.of(pf.address()), title, new Rect(left, top,
                    width, h),
                    container, vfs.size(), true);
            double gridLeft = left + (width - (columns * VF_W + (columns - 1) * VF_GAP)) / 2;
            for (int i = 0; i < vfs.size(); i++) {
                int r = i / columns;
                int c = i % columns;
                TopologyItem item = TopologyItem.device(vfs.get(i).address());
                emit(BoxKind.VIRTUAL_FUNCTION, Optional.of(item), Optional.of(pf.address()), "",
                        new Rect(gridLeft + c * (VF_W + VF_GAP), top + VF_HEADER + r * (VF_H + VF_GAP), VF_W, VF_H),
                                frame, 0, false);
                nav(item, navParent);
            }
            return top + h;
        }
    }

    /** A host bridge (or a bus whose upstream is unknown): a bar spanning the devices of its bus. */
    private final class BusBlock extends Block {
        final BoxKind kind;
        final Optional<TopologyItem> item;
        final String title;
        final String detail;
        final List<Block> children;
        double rowWidth;

        BusBlock(BoxKind kind, Optional<TopologyItem> item, String title, String detail, List<Block> children) {
            this.kind = kind;
            this.item = item;
            this.title = title;
            this.detail = detail;
            this.children = children;
        }

        @Override
        void measure() {
            rowWidth = rowWidth(children);
            width = Math.max(Math.max(HB_MIN_W, rowWidth), Math.max(titleWidth(title), titleWidth(detail) * 0.9));
            height = HB_H + (children.isEmpty() ? 0 : BUS_GAP + rowHeight(children));
        }

        @Override
        double place(double left, double top, int container, TopologyItem navParent) {
            emit(kind, item, Optional.empty(), title + "\n" + detail, new Rect(left, top, width, HB_H), container, 0,
                    false);
            item.ifPresent(i -> nav(i, navParent));
            anchors.clear();
            anchors.add(left + width / 2);
            double bottom = top + HB_H;
            if (children.isEmpty()) return bottom;
            double childTop = bottom + BUS_GAP;
            List<Double> entry = new ArrayList<>();
            double end = placeRow(children, left + (width - rowWidth) / 2, childTop, container, item.orElse(navParent),
                    entry);
            for (double a : entry) {
                connectors.add(new Connector(Connector.Kind.BUS, new double[] {a, bottom, a, childTop}, false,
                        Optional.empty()));
            }
            return end;
        }
    }

    /** A frame (NUMA node, or the orphan group) holding blocks side by side under a header. */
    private final class GroupBlock extends Block {
        final BoxKind kind;
        final Optional<TopologyItem> item;
        final String title;
        final List<Block> members;
        double rowWidth;

        GroupBlock(BoxKind kind, Optional<TopologyItem> item, String title, List<Block> members) {
            this.kind = kind;
            this.item = item;
            this.title = title;
            this.members = members;
        }

        RowWrap rows;

        @Override
        void measure() {
            for (Block b : members) b.measure();
            rows = RowWrap.arrange(widths(members), heights(members), GROUP_GAP, TARGET_ASPECT);
            rowWidth = rows.width();
            width = Math.max(rowWidth + 2 * GROUP_PAD, titleWidth(title));
            height = GROUP_HEADER + Math.max(24, rows.height()) + GROUP_PAD;
        }

        @Override
        double place(double left, double top, int container, TopologyItem navParent) {
            int frame = emit(kind, item, Optional.empty(), title, new Rect(left, top, width, 0), container,
                    members.size(), false);
            item.ifPresent(i -> nav(i, navParent));
            TopologyItem childNav = item.orElse(navParent);
            double bottom = top + GROUP_HEADER + 24;
            double y = top + GROUP_HEADER;
            int i = 0;
            for (int r = 0; r < rows.count(); r++) {
                double x = left + (width - rows.rowWidth(r)) / 2;
                for (int k = 0; k < rows.members(r); k++, i++) {
                    Block b = members.get(i);
                    bottom = Math.max(bottom, b.place(x, y, frame, childNav));
                    x += b.width + GROUP_GAP;
                }
                y += rows.height(r) + GROUP_GAP;
            }
            double height = bottom + GROUP_PAD - top;
            LayoutBox box = boxes.get(frame);
            boxes.set(frame, new LayoutBox(box.kind(), box.item(), box.owner(), box.title(),
                    box.bounds().withHeight(height),
                    box.container(), box.count(), box.expanded()));
            return top + height;
        }
    }
}
