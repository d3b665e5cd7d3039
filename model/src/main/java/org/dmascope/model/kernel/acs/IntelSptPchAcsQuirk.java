package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.Acs;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * {@code pci_quirk_intel_spt_pch_acs} (R-ACS-2 quirk; kernel-quirks.md section 3.3): Sunrise Point
 * (0xa110-0xa11f, 0xa167-0xa16a), Union Point (0xa290-0xa29f, 0xa2e7-0xa2ee) and 7th/8th-gen mobile
 * (0x9d10-0x9d1b) root ports keep ACS control at +8 as a dword. The request is reduced to (cap | EC)
 * and must be set in that dword; lspci's ACSCtl line (at +6) is not what the kernel reads here. Root
 * ports without an ACS capability are "not mine".
 */
public final class IntelSptPchAcsQuirk implements AcsQuirk {

    /** {@code pci_quirk_intel_spt_pch_acs_match()}. */
    public static boolean matches(PciFunction dev) {
        if (dev.identity().vendorId().orElse(-1) != 0x8086) return false;
        if (dev.portType().orElse(null) != PortType.ROOT_PORT) return false;
        int d = dev.identity().deviceId().orElse(-1);
        return (d >= 0xa110 && d <= 0xa11f) || (d >= 0xa167 && d <= 0xa16a) || (d >= 0xa290 && d <= 0xa29f)
                || (d >= 0xa2e7 && d <= 0xa2ee) || (d >= 0x9d10 && d <= 0x9d1b);
    }

    @Override
    public String kernelName() {
        return "pci_quirk_intel_spt_pch_acs";
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        if (!matches(dev)) return Optional.empty();
        AcsState s = rules.effective().of(dev);
        if (!s.present()) return Optional.empty();
        int req = flags & (s.capability() | Acs.EC);
        int ctrl = rules.effective().sptControlDword(dev);
        boolean ok = AcsQuirk.ctrlEnabled(req, ctrl);
        String source = rules.assumptions().acsRequested()
                ? "the kernel set " + Acs.shortBits(ctrl) + " there because ACS was requested"
                : "its firmware value is not in the input and is taken as 0";
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), (ok ? "is" : "is not")
                + " isolated as a Sunrise-Point-style Intel root port whose ACS control lives at +8 (quirk "
                        + kernelName()
                + "): " + source + "; lspci's ACSCtl line shows +6 and does not count here"));
    }
}
