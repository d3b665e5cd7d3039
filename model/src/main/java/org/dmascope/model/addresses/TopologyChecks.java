package org.dmascope.model.addresses;

import java.util.List;

import org.dmascope.model.report.Diagnostic;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.topology.TopologyValidator;

/**
 * The checks a topology gets when it is read or imported: the {@link TopologyValidator}'s, with the address map's
 * R-ADDR-1 ("a BAR or window outside its bridge's window", {@code AddressChecks}) listed among them as a warning, so
 * the import report and the address map say the same thing from one implementation.
 */
public final class TopologyChecks {
    private TopologyChecks() {
    }

    /**
     * @param checkpoint run now and then while checking: it may throw to stop (a cancelled import)
     */
    public static List<Diagnostic> validate(Topology topology, Runnable checkpoint) {
        return TopologyValidator.validate(topology, checkpoint, AddressChecks::outsideWindows);
    }

    public static List<Diagnostic> validate(Topology topology) {
        return validate(topology, () -> {
        });
    }
}
