package org.dmascope.model.edit;

import java.util.List;
import java.util.Optional;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.Bdf;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.Topology;

/**
 * Sets a function's ACS Control register as firmware or {@code setpci} would leave it. The rules then treat it as
 * the shown value (R-ACS: a dump from a running kernel already carries what that boot wrote), so a command line that
 * differs from the file's still applies on top of it. Bits the capability does not implement are refused: the
 * hardware keeps them 0.
 *
 * @param function the port or function
 * @param control  the new control register, bits 0-6
 */
public record SetAcsControl(Bdf function, int control) implements TopologyEdit {

    @Override
    public Bdf subject() {
        return function;
    }

    @Override
    public String name() {
        return "ACS of " + function.shortText() + ": " + Acs.shortBits(control);
    }

    @Override
    public EditResult apply(Topology t) {
        Optional<PciFunction> f = t.function(function);
        if (f.isEmpty()) return EditResult.refused(Edits.missing(function));
        String at = function.shortText();
        Optional<Acs> acs = f.get().acs();
        if (acs.isEmpty()) {
            return EditResult.refused("the input does not show whether " + at + " has an ACS capability (lspci -vvv "
                    + "as root shows it)");
        }
        if (!acs.get().present()) return EditResult.refused(at + " has no ACS capability: there are no bits to set");
        if ((control & ~0x7F) != 0) return EditResult.refused("ACS control bits are 0-6 (SV … DT)");
        if (acs.get().capability().isPresent()) {
            int missing = control & ~acs.get().capability().getAsInt();
            if (missing != 0) {
                return EditResult.refused(at + "'s ACS capability does not implement " + Acs.shortBits(missing)
                        + ": the hardware keeps those bits 0");
            }
        }
        if (acs.get().control().isPresent() && acs.get().control().getAsInt() == control) {
            return EditResult.refused(at + "'s ACS control is already " + Acs.shortBits(control));
        }
        PciFunction g = Edits.mark(f.get().toBuilder().acs(acs.get().withControl(control)).build(), name(), "acs");
        return Edits.finish(t, Edits.replace(t, List.of(g)), name(), Optional.of(function));
    }
}
