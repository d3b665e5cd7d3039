package org.dmascope.views.topology;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.dmascope.model.topology.Link;
import org.dmascope.model.topology.LinkSpeed;
import org.dmascope.model.topology.LinkState;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/** How the bus below a bridge is drawn and what its connector says. */
final class LinkLabels {
    private LinkLabels() {
    }

    /**
     * @param lines      the label, one or two lines; empty when nothing is known about the link
     * @param downgraded the link trained below what both ends can do
     */
    record Info(Connector.Kind kind, List<String> lines, boolean downgraded) {
    }

    /**
     * The label of the link (or bus) from {@code bridge} to the functions on its secondary bus: the
     * conventional PCI bus number below a PCIe-to-PCI bridge, else the trained speed and width, taken
     * from the device below (its LnkSta is the same link) or else from the port.
     */
    static Info below(PciFunction bridge, List<PciFunction> below) {
        boolean conventional = bridge.portType().filter(t -> t == PortType.PCIE_TO_PCI_BRIDGE).isPresent()
                || !below.isEmpty() && below.stream().allMatch(f -> f.portType()
                        .filter(t -> t == PortType.CONVENTIONAL_PCI).isPresent());
        if (conventional) {
            int bus = bridge.bridge().map(b -> b.secondary()).orElse(below.isEmpty() ? 0 : below.get(0).address()
                    .bus());
            return new Info(Connector.Kind.PCI_BUS, List.of(String.format(Locale.ROOT, "PCI bus %02x", bus)), false);
        }
        boolean pcie = bridge.portType().filter(PortType::isPcie).isPresent();
        Optional<PciFunction> device = below.stream().filter(f -> !f.isVirtualFunction())
                .filter(f -> f.link().flatMap(Link::status).isPresent()).findFirst();
        Optional<LinkState> status = device.flatMap(PciFunction::link).flatMap(Link::status)
                .or(() -> bridge.link().flatMap(Link::status));
        if (status.isEmpty()) return new Info(pcie ? Connector.Kind.PCIE_LINK : Connector.Kind.BUS, List.of(), false);
        LinkState s = status.get();
        String first = s.width() == 0 ? "link down" : s.toString();
        Optional<LinkState> expected = expected(bridge.link().flatMap(Link::capability),
                device.flatMap(PciFunction::link).flatMap(Link::capability));
        boolean down = expected.map(e -> s.speed().ordinal() < e.speed().ordinal() || s.width() < e.width())
                .orElse(false);
        if (!down) return new Info(Connector.Kind.PCIE_LINK, List.of(first), false);
        return new Info(Connector.Kind.PCIE_LINK, List.of(first + " ▼", "capable " + expected.get()), true);
    }

    /**
     * What a link should train to: the lower speed and width of the two ends' capabilities. A GPU that
     * can only do 8GT/s below a 16GT/s port is not a downgraded link; an x16 card running at x8 is.
     */
    static Optional<LinkState> expected(Optional<LinkState> a, Optional<LinkState> b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        LinkSpeed speed = a.get().speed().ordinal() <= b.get().speed().ordinal() ? a.get().speed() : b.get().speed();
        return Optional.of(new LinkState(speed, Math.min(a.get().width(), b.get().width())));
    }
}
