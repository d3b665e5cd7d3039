package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * {@code pci_quirk_zhaoxin_pcie_ports_acs} (R-ACS-2 quirk; kernel-quirks.md section 3.1): decides for
 * every Zhaoxin root or downstream port. Device 0x0710-0x071e, 0x0721, 0x0723-0x0752 claim
 * SV|RR|CR|UF; any other Zhaoxin port is <em>not</em> isolated, even with a real ACS capability,
 * because the quirk returns 0 rather than "not mine".
 */
public final class ZhaoxinPortsAcsQuirk implements AcsQuirk {
    @Override
    public String kernelName() {
        return "pci_quirk_zhaoxin_pcie_ports_acs";
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        PortType t = dev.portType().orElse(null);
        if (t != PortType.ROOT_PORT && t != PortType.SWITCH_DOWNSTREAM) return Optional.empty();
        int d = dev.identity().deviceId().orElse(-1);
        boolean listed = (d >= 0x0710 && d <= 0x071e) || d == 0x0721 || (d >= 0x0723 && d <= 0x0752);
        if (!listed) {
            return Optional.of(AcsVerdict.byQuirk(false, kernelName(), "is a Zhaoxin port the quirk " + kernelName()
                    + " does not list, and the quirk answers \"not isolated\" for those without reading the ACS "
                            + "registers"));
        }
        boolean ok = AcsQuirk.ctrlEnabled(flags, EffectiveAcs.STD_ENABLE_BITS);
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), ok
                ? "is a Zhaoxin port that the quirk " + kernelName() + " declares isolated"
                : "is a Zhaoxin port whose quirk grants only SV|RR|CR|UF"));
    }
}
