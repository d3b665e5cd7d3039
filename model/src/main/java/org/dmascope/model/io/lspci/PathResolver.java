package org.dmascope.model.io.lspci;

import java.util.Optional;

import org.dmascope.model.io.merge.FactKey;
import org.dmascope.model.io.merge.MachineFacts;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Bridge;

/**
 * Turns a device line's slot or bridge path into an address. {@code -PP} paths and plain slots carry
 * the bus; {@code -P} paths give only {@code dd.f} after the first hop, and the bus is then the
 * secondary bus of the bridge one hop up (lspci ls-tree.c {@code show_slot_path}).
 */
final class PathResolver {
    private PathResolver() {
    }

    /** The address when every hop that matters shows its bus. */
    static Optional<Bdf> direct(DeviceLine line) {
        DeviceLine.Hop top = line.path().get(0);
        DeviceLine.Hop last = line.slot();
        if (last.bus().isEmpty()) return Optional.empty();
        return Optional.of(Bdf.of(top.domain().orElse(0), last.bus().getAsInt(), last.device(), last.function()));
    }

    /** The address, taking missing buses from the bridges already read. */
    static Optional<Bdf> viaParents(DeviceLine line, MachineFacts machine) {
        int domain = line.path().get(0).domain().orElse(0);
        Bdf at = null;
        for (DeviceLine.Hop h : line.path()) {
            int bus;
            if (h.bus().isPresent()) {
                bus = h.bus().getAsInt();
            } else {
                if (at == null) return Optional.empty();
                Optional<Bridge> parent = machine.existing(at).flatMap(f -> f.get(FactKey.BRIDGE));
                if (parent.isEmpty()) return Optional.empty();
                bus = parent.get().secondary();
            }
            at = Bdf.of(domain, bus, h.device(), h.function());
        }
        return Optional.ofNullable(at);
    }
}
