package org.dmascope.model.edit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * Which edits a function offers, for menus: checked the way the edits check, without building the edited machine
 * (a menu opens on a machine of hundreds of ports). An edit offered here can still be refused when applied, with its
 * reason (bus numbers that run out, a machine the validator refuses).
 */
public final class EditTargets {
    private EditTargets() {
    }

    /** The ports {@code device} could move to: empty PCIe ports and conventional bridges, not below itself. */
    public static List<PciFunction> movePorts(Topology t, Bdf device) {
        PciFunction f = t.function(device).orElse(null);
        if (f == null || !movable(t, f)) return List.of();
        PciHierarchy h = t.hierarchy();
        Set<Bdf> inside = new HashSet<>();
        for (PciFunction g : Edits.subtree(t, Edits.slot(t, f))) inside.add(g.address());
        Bdf parent = h.parentBridge(f).map(PciFunction::address).orElse(null);
        List<PciFunction> out = new ArrayList<>();
        for (PciFunction p : t.functions()) {
            if (p.bridge().isEmpty() || inside.contains(p.address()) || p.address().equals(parent)) continue;
            if (p.portType().orElse(null) == PortType.SWITCH_UPSTREAM) continue;
            if (Edits.pcieDownstreamPort(p) ? !h.children(p).isEmpty() : h.children(p).size() >= 32) continue;
            out.add(p);
        }
        return out;
    }

    /** Whether the device can be taken out or moved at all (not a root port, a downstream port alone, a VF). */
    public static boolean movable(Topology t, PciFunction f) {
        try {
            MoveDevice.checkMovable(t, f, "move");
            return true;
        } catch (Refusal r) {
            return false;
        }
    }

    /** Whether a switch can be put below {@code f}: a root port or a switch downstream port. */
    public static boolean switchFits(PciFunction f) {
        return Edits.pcieDownstreamPort(f) && f.bridge().isPresent();
    }
}
