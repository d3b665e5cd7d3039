package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.PciFunction;

/**
 * {@code pci_quirk_wangxun_nic_acs} (R-ACS-2 quirk; kernel-quirks.md section 3.1): Wangxun NICs
 * 0x0100-0x010f (EM), 0x1001, 0x2001 (SP), 0x5010, 0x5025, 0x5040, 0x5110, 0x5125, 0x5140 (AML)
 * claim SV|RR|CR|UF; every other Wangxun device is answered "not isolated".
 */
public final class WangxunNicAcsQuirk implements AcsQuirk {
    @Override
    public String kernelName() {
        return "pci_quirk_wangxun_nic_acs";
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        int d = dev.identity().deviceId().orElse(-1);
        boolean listed = (d >= 0x0100 && d <= 0x010f) || d == 0x1001 || d == 0x2001 || d == 0x5010 || d == 0x5025
                || d == 0x5040 || d == 0x5110 || d == 0x5125 || d == 0x5140;
        if (!listed) {
            return Optional.of(AcsVerdict.byQuirk(false, kernelName(),
                    "is a Wangxun device the quirk " + kernelName()
                            + " does not list, and it answers \"not isolated\" for those"));
        }
        boolean ok = AcsQuirk.ctrlEnabled(flags, EffectiveAcs.STD_ENABLE_BITS);
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), ok
                ? "is a Wangxun NIC function that the quirk " + kernelName() + " declares isolated"
                : "is a Wangxun NIC whose quirk grants only SV|RR|CR|UF"));
    }
}
