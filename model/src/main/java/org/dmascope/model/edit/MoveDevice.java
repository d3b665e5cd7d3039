package org.dmascope.model.edit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.HostBridge;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * Moves a device, all its functions and everything below it (a switch with its cards), to the slot of another
 * port: the card taken out and plugged in elsewhere. Its buses are numbered as {@link Placement} explains; below a
 * PCIe port it becomes device 0 (a PCIe link leads to one device), on a conventional PCI bus it keeps its device
 * number when that is free. The link trains to what both ends can do; the port it left has its link down. The
 * kernel-reported IOMMU group numbers of what moved are dropped: they were the old place's.
 *
 * @param device any function of the device to move
 * @param port   the port or bridge whose secondary bus it moves to
 */
public record MoveDevice(Bdf device, Bdf port) implements TopologyEdit {

    @Override
    public Bdf subject() {
        return device;
    }

    @Override
    public String name() {
        return "Move " + device.shortText() + " to " + port.shortText();
    }

    @Override
    public EditResult apply(Topology t) {
        try {
            return move(t);
        } catch (Refusal r) {
            return EditResult.refused(r.getMessage());
        }
    }

    private EditResult move(Topology t) {
        PciFunction f = t.function(device).orElseThrow(() -> new Refusal(Edits.missing(device)));
        PciFunction target = t.function(port).orElseThrow(() -> new Refusal(Edits.missing(port)));
        checkMovable(t, f, "move");
        if (target.bridge().isEmpty()) {
            throw new Refusal(port.shortText() + " is not a port or bridge: nothing plugs into it");
        }
        if (target.portType().orElse(null) == PortType.SWITCH_UPSTREAM) {
            throw new Refusal(port.shortText() + " is a switch's upstream port: cards plug into its downstream "
                    + "ports");
        }
        PciHierarchy h = t.hierarchy();
        List<PciFunction> head = Edits.slot(t, f);
        List<PciFunction> moving = Edits.subtree(t, head);
        Set<Bdf> movingAt = new HashSet<>();
        for (PciFunction g : moving) movingAt.add(g.address());
        if (movingAt.contains(port)) {
            throw new Refusal(port.shortText() + " is part of " + device.shortText() + " or below it: a device cannot "
                    + "move under itself");
        }
        if (h.parentBridge(f).map(p -> p.address().equals(port)).orElse(false)) {
            throw new Refusal(device.shortText() + " is already below " + port.shortText());
        }
        int dev = deviceNumber(h, target, f);
        String name = name();
        List<PciFunction> rest = new ArrayList<>();
        Optional<PciFunction> left = Edits.portAbove(t, f);
        for (PciFunction g : t.functions()) {
            if (movingAt.contains(g.address())) continue;
            rest.add(left.isPresent() && g.address().equals(left.get().address()) ? Edits.linkDown(g, name) : g);
        }
        Topology without = t.withFunctions(rest);
        Placement.Room room = Placement.room(without, port, Placement.busesBelow(moving, device.bus()), name);
        List<PciFunction> placed = place(room, moving, device.bus(), dev, name);
        Bdf focus = Bdf.of(device.domain(), room.topology().function(room.port()).orElseThrow().bridge().orElseThrow()
                .secondary(), dev, device.function());
        return Edits.finish(t, placed, name, Optional.of(focus));
    }

    /**
     * {@code moving} placed on the room's port, links trained: the whole machine's functions.
     */
    static List<PciFunction> place(Placement.Room room, List<PciFunction> moving, int deviceBus, int dev,
                                   String name) {
        Topology t = room.topology();
        PciFunction port = t.function(room.port()).orElseThrow();
        int secondary = port.bridge().orElseThrow().secondary();
        OptionalInt node = port.numaNode().isPresent() ? port.numaNode()
                : t.hierarchy().hostBridgeOf(port).map(HostBridge::numaNode).orElse(OptionalInt.empty());
        List<PciFunction> placed = Placement.placed(moving, deviceBus, dev, secondary, room.buses(), node, name);
        List<PciFunction> out = new ArrayList<>();
        PciFunction trainedPort = port;
        for (PciFunction g : placed) {
            Optional<LinkState> link = g.address().bus() == secondary && !g.isVirtualFunction()
                    ? Edits.trained(port, g) : Optional.empty();
            if (link.isPresent()) {
                out.add(Edits.withStatus(g, link.get(), name));
                if (trainedPort == port) trainedPort = Edits.withStatus(port, link.get(), name);
            } else {
                out.add(g);
            }
        }
        List<PciFunction> all = new ArrayList<>(Edits.replace(t, List.of(trainedPort)));
        all.addAll(out);
        return all;
    }

    /**
     * Refuses what cannot be taken out of a machine: the host bridge's own parts, a switch's downstream port on its
     * own, a VF without its PF.
     */
    static void checkMovable(Topology t, PciFunction f, String verb) {
        String at = f.address().shortText();
        if (f.isVirtualFunction()) {
            throw new Refusal(at + " is a virtual function of " + f.physicalFunction().get().shortText()
                    + ": it goes where its physical function goes");
        }
        PortType type = f.portType().orElse(null);
        if (type == PortType.ROOT_PORT) {
            throw new Refusal(at + " is a root port, part of the host bridge: it cannot " + verb
                    + " (the device below it can)");
        }
        if (type == PortType.RC_INTEGRATED_ENDPOINT || type == PortType.RC_EVENT_COLLECTOR) {
            throw new Refusal(at + " is built into the root complex: it cannot " + verb);
        }
        if (f.identity().classCode().isPresent() && (f.identity().classCode().getAsInt() >> 8) == 0x0600) {
            throw new Refusal(at + " is a host bridge: it cannot " + verb);
        }
        if (type == PortType.SWITCH_DOWNSTREAM) {
            String sw = t.hierarchy().parentBridge(f).map(u -> " " + u.address().shortText()).orElse("");
            throw new Refusal(at + " is a downstream port of the switch" + sw + ": it cannot " + verb + " on its own "
                    + "(the whole switch, at its upstream port, or the card below the port can)");
        }
    }

    /** Device 0 below a PCIe port, which must be empty; on a conventional bus the same number if free. */
    private int deviceNumber(PciHierarchy h, PciFunction target, PciFunction f) {
        List<PciFunction> there = h.children(target);
        if (Edits.pcieDownstreamPort(target)) {
            if (!there.isEmpty()) {
                throw new Refusal(port.shortText() + " already holds " + there.get(0).address().shortText()
                        + ": a PCIe port links to one device (move or remove " + there.get(0).address().shortText()
                        + " first)");
            }
            return 0;
        }
        Set<Integer> taken = new HashSet<>();
        for (PciFunction g : there) taken.add(g.address().device());
        if (!taken.contains(f.address().device())) return f.address().device();
        for (int d = 0; d < 32; d++) if (!taken.contains(d)) return d;
        throw new Refusal("the bus below " + port.shortText() + " has no free device number");
    }
}
