package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * {@code pci_quirk_intel_pch_acs} (R-ACS-2 quirk; kernel-quirks.md sections 3.1, 3.2, 4): Intel PCH
 * root ports without an ACS capability (IDs in {@code pci_quirk_intel_pch_acs_ids[]}) are isolated
 * only when {@code PCI_DEV_FLAGS_ACS_ENABLED_QUIRK} is set, i.e. ACS was requested and
 * {@code pci_quirk_enable_intel_pch_acs()} programmed the chipset through RCBA. Otherwise the quirk
 * answers "not isolated" for any request.
 */
public final class IntelPchAcsQuirk implements AcsQuirk {

    /** {@code pci_quirk_intel_pch_acs_ids[]}. */
    private static final int[] IDS = ids();

    private static int[] ids() {
        int[] patsburg = {0x1d10, 0x1d12, 0x1d14, 0x1d16, 0x1d18, 0x1d1a, 0x1d1c, 0x1d1e};
        int[] lynx9 = {0x8c90, 0x8c92, 0x8c94, 0x8c96, 0x8c98, 0x8c9a, 0x8c9c, 0x8c9e};
        java.util.List<Integer> l = new java.util.ArrayList<>();
        range(l, 0x3b42, 0x3b51); // Ibexpeak
        range(l, 0x1c10, 0x1c1f); // Cougarpoint
        range(l, 0x1e10, 0x1e1f); // Pantherpoint
        range(l, 0x8c10, 0x8c1f); // Lynxpoint-H
        range(l, 0x9c10, 0x9c1b); // Lynxpoint-LP
        range(l, 0x9c90, 0x9c9b); // Wildcat
        for (int id : patsburg) l.add(id);
        range(l, 0x8d10, 0x8d1e); // Wellsburg (X99)
        for (int id : lynx9) l.add(id);
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void range(java.util.List<Integer> l, int from, int to) {
        for (int i = from; i <= to; i++) l.add(i);
    }

    /** {@code pci_quirk_intel_pch_acs_match()}: Intel vendor, root port, listed device ID. */
    public static boolean matches(PciFunction dev) {
        if (dev.identity().vendorId().orElse(-1) != 0x8086) return false;
        if (dev.portType().orElse(null) != PortType.ROOT_PORT) return false;
        int d = dev.identity().deviceId().orElse(-1);
        for (int id : IDS) if (id == d) return true;
        return false;
    }

    @Override
    public String kernelName() {
        return "pci_quirk_intel_pch_acs";
    }

    @Override
    public Optional<AcsVerdict> decide(PciFunction dev, int flags, AcsRules rules) {
        if (!matches(dev)) return Optional.empty();
        if (rules.effective().pchQuirkFlag(dev)) {
            boolean ok = AcsQuirk.ctrlEnabled(flags, EffectiveAcs.STD_ENABLE_BITS);
            return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), ok
                    ? "is an Intel PCH root port isolated by the quirk " + kernelName()
                    + " (ACS was requested, so pci_quirk_enable_intel_pch_acs() disabled peer decode through RCBA; "
                            + "assumed to succeed)"
                    : "is an Intel PCH root port whose quirk grants only SV|RR|CR|UF"));
        }
        boolean ok = AcsQuirk.ctrlEnabled(flags, 0);
        return Optional.of(AcsVerdict.byQuirk(ok, kernelName(), "is an Intel PCH root port without ACS whose quirk "
                + kernelName() + " is not enabled, because nothing requested ACS"));
    }
}
