package org.dmascope.model.edit;

import java.util.Objects;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.Topology;

/** What applying a {@link TopologyEdit} gave: the edited machine, or the reason it cannot be made. */
public sealed interface EditResult {

    /**
     * @param topology the edited machine, its edit named in {@link Topology#edits()}
     * @param focus    the function to select afterwards (a moved device at its new address), when there is one
     */
    record Applied(Topology topology, Optional<Bdf> focus) implements EditResult {
        public Applied {
            Objects.requireNonNull(topology);
            Objects.requireNonNull(focus);
        }
    }

    /** @param reason a sentence saying why, e.g. "00:03.0 already holds 07:00.0: a PCIe port links to one device" */
    record Refused(String reason) implements EditResult {
        public Refused {
            Objects.requireNonNull(reason);
        }
    }

    static EditResult refused(String reason) {
        return new Refused(reason);
    }
}
