package org.dmascope.model.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.report.Severity;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciHierarchy;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.SourceRef;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologyValidator;

/** What the edits share: finding functions, the parts of a device, marking edited fields, finishing an edit. */
final class Edits {
    /** The provenance of an edited field names the edit: {@code what-if edit: Move 06:00.0 to 00:03.0}. */
    static final String PREFIX = TopologyEdit.PROVENANCE_PREFIX;

    private Edits() {
    }

    /** Where an edited field came from: the edit, as a whole-file source so the topology JSON keeps it as text. */
    static SourceRef source(String editName) {
        return new SourceRef(PREFIX + editName, 0);
    }

    /** {@code f} with {@code fields} marked as set by the edit named {@code editName}. */
    static PciFunction mark(PciFunction f, String editName, String... fields) {
        var p = f.provenance();
        for (String field : fields) p = p.with(field, source(editName));
        return f.toBuilder().provenance(p).build();
    }

    static String missing(Bdf a) {
        return "there is no function " + a.shortText() + " in this machine";
    }

    /** A PCIe port that a link leads down from to one device (device 0 below it). */
    static boolean pcieDownstreamPort(PciFunction f) {
        return f.portType().map(t -> t == PortType.ROOT_PORT || t == PortType.SWITCH_DOWNSTREAM).orElse(false);
    }

    /** The functions of {@code f}'s device (same bus and device number), VFs left out, in address order. */
    static List<PciFunction> slot(Topology t, PciFunction f) {
        return t.functions().stream().filter(g -> g.address().sameSlot(f.address()) && !g.isVirtualFunction())
                .toList();
    }

    /**
     * {@code roots} and everything below them: the functions on each bridge's secondary bus, down to the leaves,
     * and the VFs of any physical function among them, in address order.
     */
    static List<PciFunction> subtree(Topology t, List<PciFunction> roots) {
        PciHierarchy h = t.hierarchy();
        Set<PciFunction> out = new LinkedHashSet<>();
        List<PciFunction> todo = new ArrayList<>(roots);
        int guard = 0;
        while (!todo.isEmpty() && guard++ < 100_000) {
            PciFunction f = todo.remove(todo.size() - 1);
            if (!out.add(f)) continue;
            if (f.bridge().isPresent()) todo.addAll(h.children(f));
        }
        Set<Bdf> pfs = new LinkedHashSet<>();
        for (PciFunction f : out) pfs.add(f.address());
        for (PciFunction f : t.functions()) {
            if (f.physicalFunction().isPresent() && pfs.contains(f.physicalFunction().get())) out.add(f);
        }
        return out.stream().sorted((a, b) -> a.address().compareTo(b.address())).toList();
    }

    /** The port a function's link leads up to, the bridge of its bus, when that is a PCIe downstream port. */
    static Optional<PciFunction> portAbove(Topology t, PciFunction f) {
        return t.hierarchy().parentBridge(f).filter(Edits::pcieDownstreamPort);
    }

    /** The link of a port whose slot is now empty: down (x0), at the speed it can do. */
    static PciFunction linkDown(PciFunction port, String editName) {
        if (port.link().isEmpty() || port.link().get().status().isEmpty()) return port;
        Link l = port.link().get();
        LinkState down = new LinkState(l.status().get().speed(), 0);
        return mark(port.toBuilder().link(new Link(l.capability(), Optional.of(down))).build(), editName, "link");
    }

    /**
     * The link a device and its port train to: the lower speed and the narrower width of the two capabilities; empty
     * when either is not known.
     */
    static Optional<LinkState> trained(PciFunction port, PciFunction device) {
        Optional<LinkState> a = port.link().flatMap(Link::capability);
        Optional<LinkState> b = device.link().flatMap(Link::capability);
        if (a.isEmpty() || b.isEmpty()) return Optional.empty();
        var speed = a.get().speed().ordinal() <= b.get().speed().ordinal() ? a.get().speed() : b.get().speed();
        return Optional.of(new LinkState(speed, Math.min(a.get().width(), b.get().width())));
    }

    /** {@code f} with its link trained to {@code state}, marked as edited; unchanged when its link is not known. */
    static PciFunction withStatus(PciFunction f, LinkState state, String editName) {
        if (f.link().isEmpty()) return f;
        Link l = f.link().get();
        if (l.status().equals(Optional.of(state))) return f;
        return mark(f.toBuilder().link(new Link(l.capability(), Optional.of(state))).build(), editName, "link");
    }

    /**
     * The edited machine, named, unless it breaks a rule of the format the input kept: the edit is refused with the
     * first error it brings (the validator's own words), so an edit never makes a file that would not open. Errors
     * the input already had are compared by kind ({@link TopologyValidator#kindOf}), counted: a move renumbers
     * addresses, and an old error about a moved device must not look new; one more error of a kind is new.
     */
    static EditResult finish(Topology before, List<PciFunction> functions, String name, Optional<Bdf> focus) {
        Topology after;
        try {
            after = before.withFunctions(functions).withEdit(name);
        } catch (IllegalArgumentException e) {
            return EditResult.refused(e.getMessage());
        }
        Map<String, Integer> old = new HashMap<>();
        for (Diagnostic d : errors(before)) old.merge(TopologyValidator.kindOf(d), 1, Integer::sum);
        for (Diagnostic d : errors(after)) {
            int left = old.merge(TopologyValidator.kindOf(d), -1, Integer::sum);
            if (left < 0) return EditResult.refused("the machine would be invalid: " + d.message());
        }
        return new EditResult.Applied(after, focus);
    }

    private static List<Diagnostic> errors(Topology t) {
        return TopologyValidator.validate(t).stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    /** Replaces functions by address (an address not in {@code replacements} stays). */
    static List<PciFunction> replace(Topology t, List<PciFunction> replacements) {
        List<PciFunction> out = new ArrayList<>(t.functions());
        for (PciFunction r : replacements) {
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).address().equals(r.address())) out.set(i, r);
            }
        }
        return out;
    }
}
