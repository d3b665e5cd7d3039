package org.dmascope.views.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;

import org.dmascope.model.edit.AddSwitch;
import org.dmascope.model.edit.EditTargets;
import org.dmascope.model.edit.MoveDevice;
import org.dmascope.model.edit.RemoveDevice;
import org.dmascope.model.edit.SetAcsControl;
import org.dmascope.model.edit.SetDmaParameters;
import org.dmascope.model.edit.SetLinkStatus;
import org.dmascope.model.edit.SetTrust;
import org.dmascope.model.edit.TopologyEdit;
import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The what-if edits a device card offers (its context menu, and the inspector's Edit button): for a card, Move to ▸
 * the ports it fits, Remove, Mark Untrusted, DMA Mask ▸, DMA Max Segment ▸, DMA Segment Boundary ▸; for a port,
 * ACS Control ▸ its bits, Link Speed ▸ and Link Width ▸, External-Facing, Add Switch Below ▸ a port count. Each item
 * hands an edit value to the editor, which applies it (or says why not); which edits fit is the model's
 * ({@link EditTargets}), this only lists them.
 */
public final class EditMenu {
    /** The DMA masks drivers set most: 32-bit devices, 36/40/44-bit GPUs and NICs, 48, 64. */
    private static final int[] MASKS = {32, 36, 40, 44, 48, 64};
    private static final int[] WIDTHS = {1, 2, 4, 8, 16, 32};
    private static final int[] ACS_BITS = {Acs.SV, Acs.TB, Acs.RR, Acs.CR, Acs.UF, Acs.EC, Acs.DT};
    /**
     * Max segment sizes drivers set ({@code dma_set_max_seg_size}): the PCI default 64 KiB (R-MAP-4), 1 MiB, 2 GiB
     * (mlx5), and UINT_MAX (NVMe, most GPUs).
     */
    private static final long[] SEGMENT_SIZES = {64L << 10, 1L << 20, 2L << 30, 0xFFFF_FFFFL};
    /** Segment boundaries ({@code dma_set_seg_boundary}): 64 KiB (old SCSI/ATA), the 4 GiB default, none. */
    private static final long[] BOUNDARIES = {0xFFFFL, 0xFFFF_FFFFL, -1L};
    /** Downstream port counts of the PCIe switches sold: 2 to 32. */
    private static final int[] SWITCH_PORTS = {2, 4, 8, 16, 32};

    private EditMenu() {
    }

    /** The items for the function at {@code address}; empty when the machine has none there. */
    public static List<MenuItem> items(Topology t, Bdf address, Consumer<TopologyEdit> editor) {
        Optional<PciFunction> found = t.function(address);
        if (found.isEmpty()) return List.of();
        PciFunction f = found.get();
        List<MenuItem> items = new ArrayList<>();
        if (EditTargets.movable(t, f)) {
            Menu move = new Menu("Move to");
            move.setId("edit-move");
            for (PciFunction p : EditTargets.movePorts(t, address)) {
                move.getItems().add(item(p.label(), "edit-move-" + id(p.address()),
                        () -> editor.accept(new MoveDevice(address, p.address()))));
            }
            if (move.getItems().isEmpty()) move.getItems().add(disabled("No empty port"));
            items.add(move);
            items.add(item(RemoveDevice.label(f), "edit-remove", () -> editor.accept(new RemoveDevice(address))));
        }
        if (f.bridge().isPresent()) bridgeItems(f, editor, items);
        if (f.bridge().isEmpty()) {
            CheckMenuItem untrusted = new CheckMenuItem("Untrusted");
            untrusted.setId("edit-untrusted");
            untrusted.setSelected(f.untrusted().orElse(false));
            untrusted.setOnAction(e -> editor.accept(new SetTrust(address, SetTrust.Mark.UNTRUSTED,
                    untrusted.isSelected())));
            items.add(untrusted);
            items.add(masks(f, editor));
            items.add(segmentSizes(f, editor));
            items.add(boundaries(f, editor));
        }
        linkItems(f, editor, items);
        return items;
    }

    /** A context menu of {@link #items}. */
    public static ContextMenu contextMenu(Topology t, Bdf address, Consumer<TopologyEdit> editor) {
        ContextMenu menu = new ContextMenu();
        menu.setId("edit-context-menu");
        menu.getItems().setAll(items(t, address, editor));
        return menu;
    }

    private static void bridgeItems(PciFunction f, Consumer<TopologyEdit> editor, List<MenuItem> items) {
        Bdf address = f.address();
        if (!items.isEmpty()) items.add(new SeparatorMenuItem());
        Optional<Acs> acs = f.acs().filter(Acs::present);
        if (acs.isPresent()) {
            Menu bits = new Menu("ACS Control");
            bits.setId("edit-acs");
            int control = acs.get().control().orElse(0);
            int cap = acs.get().capability().orElse(0x7F);
            for (int bit : ACS_BITS) {
                CheckMenuItem b = new CheckMenuItem(Acs.shortBits(bit) + "  " + Acs.lspciBits(bit).split(" ")[
                        Integer.numberOfTrailingZeros(bit)].replace("+", ""));
                b.setId("edit-acs-" + Acs.shortBits(bit).toLowerCase(java.util.Locale.ROOT));
                b.setSelected((control & bit) != 0);
                b.setDisable((cap & bit) == 0);
                b.setOnAction(e -> editor.accept(new SetAcsControl(address, control ^ bit)));
                bits.getItems().add(b);
            }
            items.add(bits);
        }
        CheckMenuItem external = new CheckMenuItem("External-Facing Port");
        external.setId("edit-external");
        external.setSelected(f.externalFacing().orElse(false));
        external.setOnAction(e -> editor.accept(new SetTrust(address, SetTrust.Mark.EXTERNAL_FACING,
                external.isSelected())));
        items.add(external);
        if (EditTargets.switchFits(f)) {
            Menu add = new Menu("Add Switch Below");
            add.setId("edit-add-switch");
            for (int n : SWITCH_PORTS) {
                add.getItems().add(item(n + " downstream ports", "edit-add-switch-" + n,
                        () -> editor.accept(new AddSwitch(address, n))));
            }
            items.add(add);
        }
    }

    private static void linkItems(PciFunction f, Consumer<TopologyEdit> editor, List<MenuItem> items) {
        Optional<Link> link = f.link();
        if (link.isEmpty()) return;
        Optional<LinkState> status = link.get().status();
        Optional<LinkState> cap = link.get().capability();
        LinkSpeed maxSpeed = cap.map(LinkState::speed).orElse(LinkSpeed.GT_128);
        int maxWidth = cap.map(LinkState::width).orElse(32);
        int width = status.map(LinkState::width).orElse(maxWidth);
        LinkSpeed speedNow = status.map(LinkState::speed).orElse(maxSpeed);
        Menu speed = new Menu("Link Speed");
        speed.setId("edit-link-speed");
        ToggleGroup speeds = new ToggleGroup();
        for (LinkSpeed s : LinkSpeed.values()) {
            if (s == LinkSpeed.UNKNOWN || s.ordinal() > maxSpeed.ordinal()) continue;
            speed.getItems().add(radio(s.text(), s == speedNow, speeds,
                    () -> editor.accept(new SetLinkStatus(f.address(), new LinkState(s, width)))));
        }
        Menu widths = new Menu("Link Width");
        widths.setId("edit-link-width");
        ToggleGroup ws = new ToggleGroup();
        for (int w : WIDTHS) {
            if (w > maxWidth) continue;
            widths.getItems().add(radio("x" + w, w == width, ws,
                    () -> editor.accept(new SetLinkStatus(f.address(), new LinkState(speedNow, w)))));
        }
        widths.getItems().add(radio("Down (x0)", width == 0, ws,
                () -> editor.accept(new SetLinkStatus(f.address(), new LinkState(speedNow, 0)))));
        items.add(new SeparatorMenuItem());
        items.add(speed);
        items.add(widths);
    }

    private static Menu masks(PciFunction f, Consumer<TopologyEdit> editor) {
        Menu m = new Menu("DMA Mask");
        m.setId("edit-dma-mask");
        ToggleGroup group = new ToggleGroup();
        DmaParameters now = f.dma();
        for (int bits : MASKS) {
            DmaParameters next = new DmaParameters(OptionalInt.of(bits), now.maxSegmentSize(),
                    now.segmentBoundaryMask(), now.minAlignMask());
            m.getItems().add(radio(bits + "-bit", now.maskBits().equals(OptionalInt.of(bits)), group,
                    () -> editor.accept(new SetDmaParameters(f.address(), next))));
        }
        return m;
    }

    /** DMA Max Segment ▸: {@code dma_get_max_seg_size}, R-MAP-4's default when the driver set none. */
    private static Menu segmentSizes(PciFunction f, Consumer<TopologyEdit> editor) {
        Menu m = new Menu("DMA Max Segment");
        m.setId("edit-dma-segment");
        ToggleGroup group = new ToggleGroup();
        DmaParameters now = f.dma();
        m.getItems().add(radio("Not set (kernel default 64 KiB)", now.maxSegmentSize().isEmpty(), group,
                () -> editor.accept(new SetDmaParameters(f.address(), new DmaParameters(now.maskBits(),
                        OptionalLong.empty(), now.segmentBoundaryMask(), now.minAlignMask())))));
        for (long size : SEGMENT_SIZES) {
            DmaParameters next = new DmaParameters(now.maskBits(), OptionalLong.of(size), now.segmentBoundaryMask(),
                    now.minAlignMask());
            RadioMenuItem r = radio(size == 0xFFFF_FFFFL ? "4 GiB − 1 (UINT_MAX)" : ByteSize.human(size),
                    now.maxSegmentSize().equals(OptionalLong.of(size)), group,
                    () -> editor.accept(new SetDmaParameters(f.address(), next)));
            r.setId("edit-dma-segment-" + Long.toHexString(size));
            m.getItems().add(r);
        }
        return m;
    }

    /** DMA Segment Boundary ▸: {@code dma_get_seg_boundary}, 4 GiB when the driver set none (R-MAP-4). */
    private static Menu boundaries(PciFunction f, Consumer<TopologyEdit> editor) {
        Menu m = new Menu("DMA Segment Boundary");
        m.setId("edit-dma-boundary");
        ToggleGroup group = new ToggleGroup();
        DmaParameters now = f.dma();
        m.getItems().add(radio("Not set (kernel default 4 GiB)", now.segmentBoundaryMask().isEmpty(), group,
                () -> editor.accept(new SetDmaParameters(f.address(), new DmaParameters(now.maskBits(),
                        now.maxSegmentSize(), OptionalLong.empty(), now.minAlignMask())))));
        for (long mask : BOUNDARIES) {
            DmaParameters next = new DmaParameters(now.maskBits(), now.maxSegmentSize(), OptionalLong.of(mask),
                    now.minAlignMask());
            String text = mask == -1L ? "None (ULONG_MAX)" : ByteSize.human(mask + 1) + " (" + Hex.addr(mask) + ")";
            RadioMenuItem r = radio(text, now.segmentBoundaryMask().equals(OptionalLong.of(mask)), group,
                    () -> editor.accept(new SetDmaParameters(f.address(), next)));
            r.setId("edit-dma-boundary-" + Long.toHexString(mask));
            m.getItems().add(r);
        }
        return m;
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setId(id);
        m.setMnemonicParsing(false);
        m.setOnAction(e -> action.run());
        return m;
    }

    private static RadioMenuItem radio(String text, boolean selected, ToggleGroup group, Runnable action) {
        RadioMenuItem m = new RadioMenuItem(text);
        m.setMnemonicParsing(false);
        m.setToggleGroup(group);
        m.setSelected(selected);
        m.setOnAction(e -> {
            if (!selected) action.run();
        });
        return m;
    }

    private static MenuItem disabled(String text) {
        MenuItem m = new MenuItem(text);
        m.setDisable(true);
        return m;
    }

    private static String id(Bdf a) {
        return a.shortText().replace(':', '-').replace('.', '-');
    }
}
