package org.dmascope.model.session.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.p2p.P2pMapType;
import org.dmascope.model.mapping.Mapping;
import org.dmascope.model.session.MapOutcome;
import org.dmascope.model.util.Hex;

/**
 * What a map step must give; every field is optional and only the given ones are checked.
 *
 * @param mapType    the P2PDMA map type ({@code NONE} for host memory)
 * @param result     the verdict code: {@code ok} or the kernel's error ({@code EREMOTEIO}, {@code SWIOTLB_FULL}…)
 * @param segments   how many DMA segments the device gets
 * @param dmaAddress the first segment's DMA address
 * @param live       live mappings after the step
 * @param problem    a call the machine cannot serve: words its reason contains
 */
public record Expectation(Optional<P2pMapType> mapType, Optional<String> result, OptionalInt segments,
        OptionalLong dmaAddress,
                          OptionalInt live, Optional<String> problem) {
    public static final Expectation NONE = new Expectation(Optional.empty(), Optional.empty(), OptionalInt.empty(),
            OptionalLong.empty(), OptionalInt.empty(), Optional.empty());

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Each unmet expectation in a sentence; empty when all are met. */
    public List<String> check(MapOutcome o) {
        List<String> failed = new ArrayList<>();
        Mapping m = o.mapping();
        if (problem.isPresent()) {
            String got = o.problem().orElse("");
            if (!got.contains(problem.get())) {
                failed.add("expected a problem saying \"" + problem.get() + "\", got " + (got.isEmpty() ? "a mapping"
                        : "\"" + got + "\""));
            }
        } else if (m == null && !isEmpty()) {
            failed.add("expected a mapping, got the problem \"" + o.problem().orElse("") + "\"");
            return failed;
        }
        if (m != null) {
            mapType.filter(t -> t != m.mapType()).ifPresent(t -> failed.add("expected map type " + t + ", got "
                    + m.mapType()));
            result.filter(r -> !r.equalsIgnoreCase(m.verdict().code()))
                    .ifPresent(r -> failed.add("expected result " + r + ", got " + m.verdict().code()));
            if (segments.isPresent() && segments.getAsInt() != m.segments().count()) {
                failed.add("expected " + segments.getAsInt() + " segments, got " + m.segments().count());
            }
            if (dmaAddress.isPresent()) {
                String got = m.segments().count() == 0 ? "no segment" : Hex.addr(m.segments().address(0));
                if (m.segments().count() == 0 || m.segments().address(0) != dmaAddress.getAsLong()) {
                    failed.add("expected the first segment at " + Hex.addr(dmaAddress.getAsLong()) + ", got " + got);
                }
            }
        }
        if (live.isPresent() && live.getAsInt() != o.after().liveCount()) {
            failed.add("expected " + live.getAsInt() + " live mappings, got " + o.after().liveCount());
        }
        return failed;
    }
}
