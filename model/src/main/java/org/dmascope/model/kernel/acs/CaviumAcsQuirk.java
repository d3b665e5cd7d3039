package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * {@code pci_quirk_cavium_acs} (R-ACS-2 quirk; kernel-quirks.md section 3.1): Cavium ThunderX root
 * ports (device 0xa000-0xa7ff ThunderX1, 0xaf84 ThunderX2, 0xb884 ThunderX3) claim SV|RR|CR|UF;
 * other Cavium devices are "not mine" so the multifunction entries after it can match.
 */
public final class CaviumAcsQuirk implements AcsQuirk {
    @Override
    public String kernelName() {
        return "pci_quirk_cavium_acs";
    }

    static boolean matches(PciFunction dev) {
        if (dev.portType().orElse(null) != PortType.ROOT_PORT) return false;
        int d = dev.identity().deviceId().orElse(-1);
        return (d >= 0xa000 && d <= 0xa7ff) || d == 0xaf84 || d == 0xb884;
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        if (!matches(dev)) return Optional.empty();
        boolean ok = AcsQuirk.ctrlEnabled(flags, EffectiveAcs.STD_ENABLE_BITS);
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), ok
                ? "is a Cavium ThunderX root port that the quirk " + kernelName() + " declares isolated"
                : "is a Cavium root port whose quirk grants only SV|RR|CR|UF"));
    }
}
