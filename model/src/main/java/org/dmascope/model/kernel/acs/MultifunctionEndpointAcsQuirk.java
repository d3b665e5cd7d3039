package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;

/**
 * {@code pci_quirk_mf_endpoint_acs} (R-ACS-2 quirk; kernel-quirks.md section 3.1): multifunction
 * devices the vendor verified to do no peer-to-peer between functions; everything but EC counts as
 * enabled.
 */
public final class MultifunctionEndpointAcsQuirk implements AcsQuirk {
    private static final int GRANTED = Acs.SV | Acs.TB | Acs.RR | Acs.CR | Acs.UF | Acs.DT;

    @Override
    public String kernelName() {
        return "pci_quirk_mf_endpoint_acs";
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        boolean ok = AcsQuirk.ctrlEnabled(flags, GRANTED);
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), ok
                ? "is a multifunction device the quirk " + kernelName()
                        + " declares isolated (no peer-to-peer between its functions)"
                : "is covered by " + kernelName() + ", which never grants egress control"));
    }
}
