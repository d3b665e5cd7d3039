package org.dmascope.model.edit;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * Marks a function untrusted ({@code pdev->untrusted}) or a port external-facing ({@code pdev->external_facing},
 * what firmware says of a Thunderbolt port). Devices below an external-facing port are untrusted unless the input
 * says otherwise ({@code set_pcie_untrusted()}, drivers/pci/probe.c); the kernel then forces strict DMA translation
 * and bounces their sub-page mappings.
 *
 * @param function the function or port
 * @param what     which mark
 * @param value    set or cleared
 */
public record SetTrust(Bdf function, Mark what, boolean value) implements TopologyEdit {

    /** The two marks. */
    public enum Mark {
        UNTRUSTED("untrusted"), EXTERNAL_FACING("external-facing");

        private final String words;

        Mark(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    @Override
    public Bdf subject() {
        return function;
    }

    @Override
    public String name() {
        return (value ? "Mark " : "Unmark ") + function.shortText() + " " + what.words();
    }

    @Override
    public EditResult apply(Topology t) {
        Optional<PciFunction> f = t.function(function);
        if (f.isEmpty()) return EditResult.refused(Edits.missing(function));
        String at = function.shortText();
        if (what == Mark.EXTERNAL_FACING && f.get().bridge().isEmpty()) {
            return EditResult.refused(at + " is not a port: only a root or downstream port faces outside the box");
        }
        Optional<Boolean> now = what == Mark.UNTRUSTED ? f.get().untrusted() : f.get().externalFacing();
        if (now.equals(Optional.of(value))) {
            return EditResult.refused(at + " is already " + (value ? "" : "not ") + what.words());
        }
        PciFunction.Builder b = f.get().toBuilder();
        if (what == Mark.UNTRUSTED) b.untrusted(Optional.of(value));
        else b.externalFacing(Optional.of(value));
        PciFunction g = Edits.mark(b.build(), name(), what == Mark.UNTRUSTED ? "untrusted" : "externalFacing");
        return Edits.finish(t, Edits.replace(t, List.of(g)), name(), Optional.of(function));
    }
}
