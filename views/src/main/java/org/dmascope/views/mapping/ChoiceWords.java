package org.dmascope.views.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.dmascope.model.kernel.profile.KernelProfile;
import org.dmascope.model.mapping.IommuMode;
import org.dmascope.model.session.MapOptions;
import org.dmascope.model.session.MapOutcome;

/**
 * What the user chose for a drop rather than the kernel's rules or the device, in words, beside what
 * the kernel would have done: the verdict says it, so a what-if never reads as the machine's facts.
 */
final class ChoiceWords {
    private ChoiceWords() {
    }

    /**
     * @param kernel the kernel when the user chose it (here or in the platform panel); empty when it is the machine's
     * @return empty when nothing was chosen
     */
    static Optional<String> of(MapOutcome o, Optional<KernelProfile> kernel) {
        List<String> parts = new ArrayList<>();
        MapOptions opts = o.call().options();
        if (opts.iommuMode().isPresent()) {
            IommuMode chosen = opts.iommuMode().get();
            Optional<IommuMode.Resolved> k = o.kernelIommu();
            if (k.isPresent() && k.get().mode() != chosen) {
                parts.add("Your choice, not the kernel's: " + chosen.words() + ". On this machine the kernel gives "
                        + "the device " + k.get().mode().words() + " (" + k.get().reason() + ")");
            } else {
                parts.add("Your choice: " + chosen.words() + " (the kernel gives the device the same)");
            }
        }
        List<String> dma = new ArrayList<>();
        opts.dma().maskBits().ifPresent(b -> dma.add("DMA mask " + text(OptionsBar.MASKS,
                OptionalInt.of(b))));
        opts.dma().maxSegmentSize().ifPresent(v -> dma.add("max segment " + text(OptionsBar.MAX_SEGMENTS,
                OptionalLong.of(v))));
        opts.dma().segmentBoundaryMask().ifPresent(v -> dma.add("segment boundary " + text(OptionsBar.BOUNDARIES,
                OptionalLong.of(v))));
        if (!dma.isEmpty()) parts.add("Your choice, not the device's: " + String.join(", ", dma));
        kernel.ifPresent(p -> parts.add("Kernel " + OptionsBar.kernelWords(p) + ": your choice"));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" · ", parts) + ".");
    }

    private static <T> String text(List<Choice<T>> choices, T value) {
        return choices.stream().filter(c -> Objects.equals(c.value(), value)).map(Choice::text).findFirst()
                .orElse(String.valueOf(value).replace("OptionalLong", "").replace("OptionalInt", ""));
    }
}
