package org.dmascope.model.designs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.KernelSession;
import org.dmascope.model.session.MapCall;
import org.dmascope.model.session.MapOutcome;

/**
 * The design lab's input mapped the way {@code dmascope map} and the window map: each part of the buffer
 * through {@link KernelSession#map}, in order, in one session (so parts get distinct IOVAs as one
 * driver's successive mappings would). A part the machine cannot map (no such node, BAR or P2P memory)
 * is a problem, not an input.
 */
public record DesignMapping(Optional<DesignInput> input, Optional<String> problem, List<MapOutcome> outcomes) {
    public DesignMapping {
        outcomes = List.copyOf(outcomes);
        if (input.isPresent() == problem.isPresent()) throw new IllegalArgumentException("an input or a problem");
    }

    public static DesignMapping map(KernelSession session, List<MapCall> calls) {
        if (calls.isEmpty()) throw new IllegalArgumentException("at least one buffer");
        List<MapOutcome> outcomes = new ArrayList<>();
        List<Mapping> parts = new ArrayList<>();
        for (MapCall c : calls) {
            MapOutcome o = session.map(c);
            outcomes.add(o);
            if (!o.hasMapping()) {
                return new DesignMapping(Optional.empty(), Optional.of(c.buffer().spec() + ": "
                        + o.problem().orElseThrow()), outcomes);
            }
            if (o.mapping().pinned() == null) {
                return new DesignMapping(Optional.empty(), Optional.of(c.buffer().spec() + ": "
                        + o.mapping().verdict().summary()), outcomes);
            }
            parts.add(o.mapping());
        }
        return new DesignMapping(Optional.of(DesignInput.of(parts)), Optional.empty(), outcomes);
    }
}
