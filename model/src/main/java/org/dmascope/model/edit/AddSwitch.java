package org.dmascope.model.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;
import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PciIdentity;
import org.dmascope.model.topology.PortType;
import org.dmascope.model.topology.Topology;

/**
 * Puts a PCIe switch below a port: its upstream port in the port's slot, its downstream ports on the switch's
 * internal bus, and the card that was in the slot (with everything below it) below the first downstream port.
 * The switch is generic: no vendor, the port's link on every port, and downstream ports with an ACS capability
 * that implements SV, TB, RR, CR, UF and DT but whose control the input does not give, so the kernel's rules
 * decide it as they do for any port without a shown value ({@code pci_std_enable_acs()} when ACS is requested).
 *
 * @param port            a root port or a switch downstream port
 * @param downstreamPorts how many downstream ports, 1-32
 */
public record AddSwitch(Bdf port, int downstreamPorts) implements TopologyEdit {
    /** SV, TB, RR, CR, UF, DT: what the downstream ports of current PCIe switches implement. */
    static final int ACS_CAPABILITY = 0x005F;

    public AddSwitch {
        if (downstreamPorts < 1 || downstreamPorts > 32) {
            throw new IllegalArgumentException("a switch has 1-32 downstream ports, not " + downstreamPorts);
        }
    }

    @Override
    public Bdf subject() {
        return port;
    }

    @Override
    public String name() {
        return "Add switch with " + downstreamPorts + " downstream port" + (downstreamPorts == 1 ? "" : "s")
                + " below " + port.shortText();
    }

    @Override
    public EditResult apply(Topology t) {
        try {
            return add(t);
        } catch (Refusal r) {
            return EditResult.refused(r.getMessage());
        }
    }

    private EditResult add(Topology t) {
        PciFunction target = t.function(port).orElseThrow(() -> new Refusal(Edits.missing(port)));
        if (!Edits.pcieDownstreamPort(target) || target.bridge().isEmpty()) {
            throw new Refusal(port.shortText() + " is not a root port or a switch downstream port: a switch's "
                    + "upstream port links to one of those");
        }
        String name = name();
        List<PciFunction> card = target.bridge().isPresent() ? t.hierarchy().children(target) : List.of();
        List<PciFunction> moving = card.isEmpty() ? List.of() : Edits.subtree(t, card);
        int cardBus = target.bridge().get().secondary();
        List<PciFunction> rest = new ArrayList<>(t.functions());
        rest.removeAll(moving);
        int below = moving.isEmpty() ? 0 : Placement.busesBelow(moving, cardBus);
        Placement.Room room = Placement.room(t.withFunctions(rest), port, 1 + downstreamPorts + below, name);
        Topology r = room.topology();
        PciFunction p = r.function(room.port()).orElseThrow();
        int upBus = p.bridge().get().secondary();
        List<Integer> buses = room.buses();
        int internal = buses.get(0);
        List<PciFunction> out = new ArrayList<>(r.functions());
        List<PciFunction> cardPlaced = List.of();
        int top = buses.get(downstreamPorts);
        if (!moving.isEmpty()) {
            cardPlaced = Placement.placed(moving, cardBus, 0, buses.get(1),
                    buses.subList(1 + downstreamPorts, buses.size()), p.numaNode(), name);
            top = Math.max(top, lastOf(cardPlaced, top));
        }
        Optional<Link> link = p.link().map(l -> new Link(l.capability(), l.status()));
        out.add(port(Bdf.of(port.domain(), upBus, 0, 0), PortType.SWITCH_UPSTREAM, internal, top, Acs.ABSENT, link,
                p.numaNode(), name));
        for (int i = 0; i < downstreamPorts; i++) {
            int secondary = buses.get(1 + i);
            int subordinate = i == 0 && !moving.isEmpty() ? Math.max(secondary, lastOf(cardPlaced, secondary))
                    : secondary;
            boolean occupied = i == 0 && !moving.isEmpty();
            Optional<Link> down = p.link().map(l -> new Link(l.capability(), occupied ? l.status()
                    : l.status().map(s -> new LinkState(s.speed(), 0))));
            out.add(port(Bdf.of(port.domain(), internal, i, 0), PortType.SWITCH_DOWNSTREAM, secondary, subordinate,
                    new Acs(true, OptionalInt.of(ACS_CAPABILITY), OptionalInt.empty()), down, p.numaNode(), name));
        }
        out.addAll(cardPlaced);
        return Edits.finish(t, out, name, Optional.of(Bdf.of(port.domain(), upBus, 0, 0)));
    }

    private static int lastOf(List<PciFunction> placed, int floor) {
        int top = floor;
        for (PciFunction g : placed) {
            top = Math.max(top, g.address().bus());
            if (g.bridge().isPresent()) top = Math.max(top, g.bridge().get().subordinate());
        }
        return top;
    }

    private static PciFunction port(Bdf at, PortType type, int secondary, int subordinate, Acs acs,
                                     Optional<Link> link, OptionalInt node, String name) {
        PciFunction f = PciFunction.builder(at)
                .identity(new PciIdentity(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
                        OptionalInt.empty(), OptionalInt.of(0x060400), OptionalInt.empty(), Optional.empty(),
                        Optional.of("What-if switch " + (type == PortType.SWITCH_UPSTREAM ? "upstream port"
                                : "downstream port")), Optional.empty(), Optional.of("PCI bridge")))
                .portType(type).headerType(1).multifunction(false)
                .bridge(new Bridge(OptionalInt.of(at.bus()), secondary, subordinate, Optional.empty(),
                        Optional.empty(), Optional.empty()))
                .acs(acs).link(link).numaNode(node).driver(Optional.of("pcieport")).build();
        return Edits.mark(f, name, "address");
    }
}
