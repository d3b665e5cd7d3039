package org.dmascope.model.kernel.route;

import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.LinkState;

/**
 * One node a TLP passes, what it does, and the link to the next node.
 *
 * @param node        the device address, or the host bridge id ({@code pci0000:00})
 * @param device      the PCI function, empty for a host bridge
 * @param role        e.g. {@code switch downstream port}, {@code host bridge}
 * @param decision    what it does with the TLP
 * @param explanation why, in a sentence (ACS bits, window, whitelist)
 * @param linkToNext  the PCIe link to the next hop, when it is a link the input describes
 * @param linkNote    what the link to the next hop is when there is no link state ("inside the switch")
 */
public record RouteHop(String node, Optional<Bdf> device, String role, HopDecision decision, String explanation,
                       Optional<LinkState> linkToNext, String linkNote) {

    public RouteHop {
        Objects.requireNonNull(node);
        Objects.requireNonNull(device);
        Objects.requireNonNull(role);
        Objects.requireNonNull(decision);
        Objects.requireNonNull(explanation);
        Objects.requireNonNull(linkToNext);
        Objects.requireNonNull(linkNote);
    }

    RouteHop withLink(Optional<LinkState> link, String note) {
        return new RouteHop(node, device, role, decision, explanation, link, note);
    }
}
