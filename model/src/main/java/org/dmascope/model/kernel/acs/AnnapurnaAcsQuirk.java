package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * {@code pci_quirk_al_acs} (R-ACS-2 quirk; kernel-quirks.md section 3.1): Amazon Annapurna Labs root
 * ports have no ACS capability but cannot pass traffic to each other; granted when the request is
 * within SV|RR|CR|UF. Non-root-ports are "not mine".
 */
public final class AnnapurnaAcsQuirk implements AcsQuirk {
    @Override
    public String kernelName() {
        return "pci_quirk_al_acs";
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        if (dev.portType().orElse(null) != PortType.ROOT_PORT) return Optional.empty();
        boolean ok = (flags & ~EffectiveAcs.STD_ENABLE_BITS) == 0;
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), ok
                ? "is an Annapurna Labs root port that the quirk " + kernelName() + " declares isolated"
                : "is an Annapurna Labs root port whose quirk grants only SV|RR|CR|UF"));
    }
}
