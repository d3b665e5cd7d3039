package org.dmascope.model.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * Sets the speed and width a link trained to (LnkSta) on both its ends: the port and the functions of the device
 * below it. It cannot exceed what either end can do (LnkCap) when that is known; width 0 takes the link down.
 *
 * @param function either end of the link: a downstream port or the device below it
 * @param status   the trained speed and width
 */
public record SetLinkStatus(Bdf function, LinkState status) implements TopologyEdit {

    @Override
    public Bdf subject() {
        return function;
    }

    @Override
    public String name() {
        return "Link of " + function.shortText() + ": " + status;
    }

    @Override
    public EditResult apply(Topology t) {
        Optional<PciFunction> f = t.function(function);
        if (f.isEmpty()) return EditResult.refused(Edits.missing(function));
        if (f.get().link().isEmpty()) {
            return EditResult.refused("the input shows no PCIe link for " + function.shortText());
        }
        List<PciFunction> ends = new ArrayList<>();
        if (Edits.pcieDownstreamPort(f.get())) {
            ends.add(f.get());
            t.hierarchy().children(f.get()).stream().filter(g -> g.address().device() == 0).forEach(ends::add);
        } else {
            Edits.portAbove(t, f.get()).ifPresent(ends::add);
            ends.addAll(Edits.slot(t, f.get()));
        }
        for (PciFunction e : ends) {
            Optional<LinkState> cap = e.link().flatMap(Link::capability);
            if (cap.isPresent() && (status.width() > cap.get().width()
                    || status.speed().ordinal() > cap.get().speed().ordinal())) {
                return EditResult.refused(status + " is beyond what " + e.address().shortText() + " can do ("
                        + cap.get() + ")");
            }
        }
        List<PciFunction> changed = new ArrayList<>();
        for (PciFunction e : ends) {
            Link l = e.link().orElse(Link.UNKNOWN);
            changed.add(Edits.mark(e.toBuilder().link(new Link(l.capability(), Optional.of(status))).build(), name(),
                    "link"));
        }
        if (ends.stream().allMatch(e -> e.link().flatMap(Link::status).equals(Optional.of(status)))) {
            return EditResult.refused("the link of " + function.shortText() + " is already " + status);
        }
        return Edits.finish(t, Edits.replace(t, changed), name(), Optional.of(function));
    }
}
