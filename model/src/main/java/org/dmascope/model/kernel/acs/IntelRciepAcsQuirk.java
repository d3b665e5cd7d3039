package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * {@code pci_quirk_rciep_acs} (R-ACS-2 quirk; kernel-quirks.md section 3.1): every Intel
 * root-complex integrated endpoint claims SV|RR|CR|UF (VT-d allows RCiEP peer-to-peer only on
 * translated addresses). Anything that is not an RCiEP is "not mine".
 */
public final class IntelRciepAcsQuirk implements AcsQuirk {
    @Override
    public String kernelName() {
        return "pci_quirk_rciep_acs";
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        if (dev.portType().orElse(null) != PortType.RC_INTEGRATED_ENDPOINT) return Optional.empty();
        boolean ok = AcsQuirk.ctrlEnabled(flags, EffectiveAcs.STD_ENABLE_BITS);
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), ok
                ? "is an Intel root-complex integrated endpoint, isolated by the quirk " + kernelName()
                : "is an Intel RCiEP whose quirk " + kernelName() + " grants only SV|RR|CR|UF"));
    }
}
