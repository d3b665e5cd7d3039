package org.dmascope.model.edit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * Takes a device out with all its functions and everything below it; a switch's upstream port takes the whole
 * switch and its cards. The port it sat below has its link down; bus numbers stay as they were (an empty slot
 * keeps its bus, as after a hot-unplug).
 *
 * @param device any function of the device
 */
public record RemoveDevice(Bdf device) implements TopologyEdit {

    @Override
    public Bdf subject() {
        return device;
    }

    @Override
    public String name() {
        return "Remove " + device.shortText();
    }

    @Override
    public EditResult apply(Topology t) {
        try {
            PciFunction f = t.function(device).orElseThrow(() -> new Refusal(Edits.missing(device)));
            MoveDevice.checkMovable(t, f, "be removed");
            List<PciFunction> gone = Edits.subtree(t, Edits.slot(t, f));
            Set<Bdf> goneAt = new HashSet<>();
            for (PciFunction g : gone) goneAt.add(g.address());
            Optional<PciFunction> above = Edits.portAbove(t, f);
            List<PciFunction> rest = new ArrayList<>();
            for (PciFunction g : t.functions()) {
                if (goneAt.contains(g.address())) continue;
                boolean port = above.isPresent() && g.address().equals(above.get().address());
                rest.add(port ? Edits.linkDown(g, name()) : g);
            }
            Optional<Bdf> focus = above.map(PciFunction::address);
            return Edits.finish(t, rest, name(), focus);
        } catch (Refusal r) {
            return EditResult.refused(r.getMessage());
        }
    }

    /** The name a menu gives removing {@code f}: a switch's upstream port is the whole switch. */
    public static String label(PciFunction f) {
        return f.portType().orElse(null) == PortType.SWITCH_UPSTREAM ? "Remove Switch" : "Remove";
    }
}
