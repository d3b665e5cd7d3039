package org.dmascope.model.kernel.acs;

import java.util.Optional;

import org.dmascope.model.kernel.rule.KernelRule;
import org.dmascope.model.topology.PciFunction;
import org.dmascope.model.topology.PortType;

/**
 * R-ACS-2 {@code pci_acs_enabled(dev, flags)} (drivers/pci/pci.c): a quirk in
 * {@code pci_dev_acs_enabled[]} decides first; conventional PCI devices, PCIe-to-PCI and
 * PCI-to-PCIe bridges and event collectors never isolate; root and downstream ports need the flags
 * ({@link AcsFlagsEnabled}); endpoints, upstream ports and RCiEPs need them only when multifunction
 * (a single function has nothing to isolate from); anything else counts as isolated.
 */
@KernelRule("R-ACS-2")
public final class AcsEnabled {
    private AcsEnabled() {
    }

    public static AcsVerdict evaluate(PciFunction dev, int flags, AcsRules rules) {
        Optional<AcsVerdict> q = rules.quirks().decide(dev, flags, rules);
        if (q.isPresent()) return q.get();
        if (dev.portType().isEmpty()) {
            return AcsVerdict.of(false,
                    "has an unknown PCIe port type, so it is treated as conventional PCI, which never isolates");
        }
        PortType t = dev.portType().get();
        if (!t.isPcie()) return AcsVerdict.of(false,
                "is conventional PCI, which the kernel never treats as ACS-isolating");
        switch (t) {
            case PCIE_TO_PCI_BRIDGE, PCI_TO_PCIE_BRIDGE:
                return AcsVerdict.of(false, "is a PCIe/PCI bridge, which the kernel never treats as ACS-isolating");
            case RC_EVENT_COLLECTOR:
                return AcsVerdict.of(false,
                        "is a root-complex event collector, which the kernel never treats as ACS-isolating");
            case SWITCH_DOWNSTREAM, ROOT_PORT:
                return withNoQuirk(AcsFlagsEnabled.evaluate(rules.effective().of(dev), flags));
            case ENDPOINT, SWITCH_UPSTREAM, LEGACY_ENDPOINT, RC_INTEGRATED_ENDPOINT:
                String why = rules.multifunction().evidence(dev);
                if (!rules.multifunction().isMultifunction(dev)) {
                    return AcsVerdict.of(true, dev.isVirtualFunction()
                            ? "is an SR-IOV virtual function (single function: nothing to isolate)"
                            : "is single-function (nothing to isolate" + (why.isEmpty() ? "" : "; " + why) + ")");
                }
                AcsVerdict v = AcsFlagsEnabled.evaluate(rules.effective().of(dev), flags);
                return AcsVerdict.of(v.enabled(), "is a function of a multifunction device" + (why.isEmpty() ? ""
                        : " (" + why + "; were it single-function, nothing would need isolating)") + " and "
                        + withNoQuirk(v).clause());
            default:
                return AcsVerdict.of(true, "is not a port type ACS applies to");
        }
    }

    private static AcsVerdict withNoQuirk(AcsVerdict v) {
        if (!v.enabled() && v.clause().startsWith("has no ACS capability")) {
            return AcsVerdict.of(false, v.clause() + " and no quirk");
        }
        return v;
    }
}
