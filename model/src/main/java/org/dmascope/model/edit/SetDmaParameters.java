package org.dmascope.model.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.DmaParameters;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * Sets the DMA parameters a driver gives its device: the DMA mask ({@code dma_set_mask()}), the largest segment
 * ({@code dma_set_max_seg_size()}) and the segment boundary ({@code dma_set_seg_boundary()}). Live mappings of the
 * device are made again under them.
 *
 * @param function   the device
 * @param parameters the new parameters; empty ones mean the kernel's default (R-MAP-4)
 */
public record SetDmaParameters(Bdf function, DmaParameters parameters) implements TopologyEdit {

    @Override
    public Bdf subject() {
        return function;
    }

    @Override
    public String name() {
        List<String> parts = new ArrayList<>();
        parameters.maskBits().ifPresent(m -> parts.add(m + "-bit mask"));
        parameters.maxSegmentSize().ifPresent(s -> parts.add("segments ≤ " + ByteSize.format(s)));
        parameters.segmentBoundaryMask().ifPresent(m -> parts.add("boundary " + Hex.addr(m)));
        return "DMA of " + function.shortText() + ": " + (parts.isEmpty() ? "kernel defaults" : String.join(", ",
                parts));
    }

    @Override
    public EditResult apply(Topology t) {
        Optional<PciFunction> f = t.function(function);
        if (f.isEmpty()) return EditResult.refused(Edits.missing(function));
        if (f.get().bridge().isPresent()) {
            return EditResult.refused(function.shortText() + " is a bridge: no driver maps DMA for it");
        }
        if (parameters.segmentBoundaryMask().isPresent()) {
            long m = parameters.segmentBoundaryMask().getAsLong();
            if ((m & (m + 1)) != 0) {
                return EditResult.refused("a segment boundary is a mask of low bits (2^n - 1), not " + Hex.addr(m));
            }
        }
        if (parameters.maxSegmentSize().isPresent() && parameters.maxSegmentSize().getAsLong() <= 0) {
            return EditResult.refused("the largest segment must be at least one byte");
        }
        if (f.get().dma().equals(parameters)) {
            return EditResult.refused(function.shortText() + " already has these DMA parameters");
        }
        PciFunction g = Edits.mark(f.get().toBuilder().dma(parameters).build(), name(), "dma");
        return Edits.finish(t, Edits.replace(t, List.of(g)), name(), Optional.of(function));
    }
}
